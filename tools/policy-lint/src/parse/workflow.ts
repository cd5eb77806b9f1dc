// Parses a workflow file into the shared model: workflow → jobs → steps, with `run:` scripts
// parsed into shell commands. Parse problems come back as messages with spans, never as throws.
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Scalar as YamlScalar,
} from 'yaml';
import type {
  Concurrency,
  Job,
  Matrix,
  Permissions,
  Scalar,
  ShellScript,
  SourceFile,
  Span,
  Step,
  Triggers,
  UsesRef,
  Workflow,
} from '../model/types.js';
import { adoptText } from '../model/source.js';
import { knownAliasFree, parseWorkflowYaml, sharedText } from './fast-yaml.js';
import { parseShell } from './shell.js';
import { parseUses } from './uses.js';
import {
  aliasExpansionError,
  get,
  getPair,
  getScalar,
  nodeSpan,
  scalarList,
  scalarMap,
  toScalar,
  valueOffsetMapper,
} from './yaml-scalars.js';

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: ParseProblem };

/** Parses YAML, turning the first parser error (alias bombs included) into a problem. */
export function parseYaml(file: SourceFile): ParseResult<Document.Parsed> {
  try {
    return parseYamlUnguarded(file);
  } catch (error) {
    // yaml reports most stack exhaustion as a document error, but not every recursive walk over a
    // very deeply nested document (10,000 `[`) is inside its guard: a file is never a crash.
    if (!(error instanceof RangeError)) throw error;
    return {
      ok: false,
      problem: {
        message: `invalid YAML: ${firstLine(error.message)} (nested too deeply)`,
        span: { file, start: 0, end: 0 },
      },
    };
  }
}

function parseYamlUnguarded(file: SourceFile): ParseResult<Document.Parsed> {
  const doc =
    parseWorkflowYaml(file.text) ??
    parseDocument(file.text, { prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    // yaml may place an error at end of input one past the text (`[length, length + 1]`).
    const [start, end] = error.pos.map((p) => Math.min(p, file.text.length)) as [number, number];
    return {
      ok: false,
      problem: { message: `invalid YAML: ${firstLine(error.message)}`, span: { file, start, end } },
    };
  }
  const bomb = knownAliasFree(doc) ? undefined : aliasExpansionError(doc);
  if (bomb)
    return {
      ok: false,
      problem: {
        message: `invalid YAML: ${firstLine(bomb.message)}`,
        span: { file, start: bomb.start, end: bomb.end },
      },
    };
  return { ok: true, value: doc };
}

/** The document of a file that parsed once already: it parses the same way again. */
function reparse(file: SourceFile): Document.Parsed {
  const again = parseYaml(file);
  if (!again.ok) throw new Error(`${file.path} no longer parses: ${again.problem.message}`);
  return again.value;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

const SHELLS_WE_PARSE = new Set(['bash', 'sh']);

export function parseWorkflow(file: SourceFile): ParseResult<Workflow> {
  const parsed = parseYaml(file);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const shared = sharedText(doc, file.text);
  if (shared !== undefined) adoptText(file, shared);
  const root = doc.contents;
  if (!isMap(root)) {
    return {
      ok: false,
      problem: {
        message: 'expected a mapping at the top of the workflow (with `on:` and `jobs:`)',
        span: nodeSpan(file, root),
      },
    };
  }
  const jobs: Job[] = [];
  const workflow = new ParsedWorkflow(file, {
    name: getScalar(file, root, 'name')?.value,
    on: parseTriggers(file, getPair(root, 'on') ?? getPair(root, 'true')),
    env: scalarMap(file, get(root, 'env')),
    jobs,
    concurrency: parseConcurrency(file, get(root, 'concurrency')),
    callInputs: parseCallInputs(file, get(get(get(root, 'on'), 'workflow_call'), 'inputs')),
    permissions: parsePermissions(file, getPair(root, 'permissions')),
  });
  const defaultShell = getScalar(file, get(get(root, 'defaults'), 'run'), 'shell')?.value;
  const jobsNode = get(root, 'jobs');
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      jobs.push(
        parseJob(
          file,
          workflow,
          String(pair.key.value),
          pair.key as YamlScalar,
          pair.value,
          defaultShell,
        ),
      );
    }
  }
  return { ok: true, value: workflow };
}

function parseTriggers(
  file: SourceFile,
  pair: { key: unknown; value: unknown } | undefined,
): Triggers {
  const events = new Set<string>();
  const pushBranches: Scalar[] = [];
  const pushTags: Scalar[] = [];
  const on = pair?.value;
  for (const event of scalarList(file, on)) events.add(event.value);
  if (isMap(on)) {
    for (const item of on.items) if (isScalar(item.key)) events.add(String(item.key.value));
    const push = get(on, 'push');
    pushBranches.push(...scalarList(file, get(push, 'branches')));
    pushTags.push(...scalarList(file, get(push, 'tags')));
  }
  return {
    events,
    pushBranches,
    pushTags,
    span: pair ? nodeSpan(file, pair.key as YamlScalar) : undefined,
  };
}

function parseCallInputs(file: SourceFile, node: unknown): Workflow['callInputs'] {
  const inputs = new Map<string, { default: Scalar | undefined }>();
  if (!isMap(node)) return inputs;
  for (const pair of node.items) {
    if (isScalar(pair.key))
      inputs.set(String(pair.key.value), { default: getScalar(file, pair.value, 'default') });
  }
  return inputs;
}

function parseJob(
  file: SourceFile,
  workflow: Workflow,
  id: string,
  idNode: YamlScalar,
  node: unknown,
  workflowShell: string | undefined,
): Job {
  const steps: Step[] = [];
  const environment = get(node, 'environment');
  const uses = getScalar(file, node, 'uses');
  const job: Job = {
    workflow,
    id,
    idSpan: nodeSpan(file, idNode),
    span: nodeSpan(file, node as YamlScalar),
    name: getScalar(file, node, 'name')?.value,
    needs: scalarList(file, get(node, 'needs')),
    if: getScalar(file, node, 'if'),
    environment: toScalar(file, environment) ?? getScalar(file, environment, 'name'),
    env: scalarMap(file, get(node, 'env')),
    outputs: scalarMap(file, get(node, 'outputs')),
    uses: uses ? parseUses(uses) : undefined,
    with: scalarMap(file, get(node, 'with')),
    secrets: scalarMap(file, get(node, 'secrets')),
    steps,
    concurrency: parseConcurrency(file, get(node, 'concurrency')),
    matrix: parseMatrix(file, get(get(node, 'strategy'), 'matrix')),
    permissions: parsePermissions(file, getPair(node, 'permissions')),
    runsOn: parseRunsOn(file, getPair(node, 'runs-on')),
  };
  const jobShell =
    getScalar(file, get(get(node, 'defaults'), 'run'), 'shell')?.value ?? workflowShell;
  const stepsNode = get(node, 'steps');
  if (isSeq(stepsNode)) {
    stepsNode.items.forEach((stepNode, index) => {
      if (isMap(stepNode)) steps.push(parseStep(file, job, index, stepNode, jobShell));
    });
  }
  return job;
}

function parseConcurrency(file: SourceFile, node: unknown): Concurrency | undefined {
  if (node === undefined || node === null) return undefined;
  return {
    group: toScalar(file, node) ?? getScalar(file, node, 'group'),
    cancelInProgress: getScalar(file, node, 'cancel-in-progress'),
  };
}

/** `permissions:` as a string (`read-all`/`write-all`) or a scope → level mapping. */
function parsePermissions(
  file: SourceFile,
  pair: { key: unknown; value: unknown } | undefined,
): Permissions | undefined {
  if (!pair) return undefined;
  const value = pair.value;
  return {
    span: nodeSpan(file, (value ?? pair.key) as YamlScalar),
    all: toScalar(file, value),
    scopes: isMap(value) ? scalarMap(file, value) : undefined,
  };
}

/** `runs-on:` labels: a string, a list, or the group form's `labels:` (and its `group:`). */
function parseRunsOn(
  file: SourceFile,
  pair: { key: unknown; value: unknown } | undefined,
): Job['runsOn'] {
  if (!pair) return undefined;
  const value = pair.value;
  if (isMap(value))
    return {
      labels: scalarList(file, get(value, 'labels')),
      group: getScalar(file, value, 'group'),
    };
  return { labels: scalarList(file, value), group: undefined };
}

/** Literal matrix values per key and the `include` entries; expressions (`fromJSON(…)`) are unknown. */
function parseMatrix(file: SourceFile, node: unknown): Matrix {
  const keys = new Map<string, Scalar[]>();
  const include: Map<string, Scalar>[] = [];
  if (!isMap(node)) return { keys, include };
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'include' && isSeq(pair.value)) {
      for (const entry of pair.value.items) {
        const values = scalarMap(file, entry);
        if (values.size > 0) include.push(new Map(values));
      }
    } else if (key !== 'exclude' && isSeq(pair.value)) keys.set(key, scalarList(file, pair.value));
  }
  return { keys, include };
}

function parseStep(
  file: SourceFile,
  job: Job,
  index: number,
  node: unknown,
  jobShell: string | undefined,
): Step {
  const uses = getScalar(file, node, 'uses');
  const runNode = get(node, 'run');
  const run = toScalar(file, runNode);
  const shell = getScalar(file, node, 'shell')?.value ?? jobShell ?? 'bash';
  const parsesAsShell = run !== undefined && SHELLS_WE_PARSE.has(shell.split(/\s/)[0]!);
  return new ParsedStep(
    {
      job,
      index,
      id: getScalar(file, node, 'id')?.value,
      name: getScalar(file, node, 'name')?.value,
      span: nodeSpan(file, node as YamlScalar),
      uses: uses ? parseUses(uses) : undefined,
      with: scalarMap(file, get(node, 'with')),
      env: scalarMap(file, get(node, 'env')),
      if: getScalar(file, node, 'if'),
      run,
      workingDirectory: getScalar(file, node, 'working-directory')?.value,
    },
    parsesAsShell ? (runNode as YamlScalar) : undefined,
  );
}

// The two lazy parts of the model are classes with getters on the prototype, not object literals
// with getters: V8 keeps such literals as dictionaries (about 800 bytes each, 15,000 steps in a
// large repository), and the garbage collector pays for every byte.

/**
 * A workflow. It keeps no reference to its document: most are never read again, and holding
 * 1,500 of them doubles the peak memory of a large repository. The few rules that want the nodes
 * (a fix's exact insertion point, say) get the document parsed again, once.
 */
class ParsedWorkflow implements Workflow {
  readonly name: string | undefined;
  readonly on: Triggers;
  readonly env: Workflow['env'];
  readonly jobs: readonly Job[];
  readonly concurrency: Concurrency | undefined;
  readonly callInputs: Workflow['callInputs'];
  readonly permissions: Permissions | undefined;
  #doc: Document.Parsed | undefined;

  constructor(
    readonly file: SourceFile,
    fields: Omit<Workflow, 'file' | 'doc'>,
  ) {
    this.name = fields.name;
    this.on = fields.on;
    this.env = fields.env;
    this.jobs = fields.jobs;
    this.concurrency = fields.concurrency;
    this.callInputs = fields.callInputs;
    this.permissions = fields.permissions;
  }

  get doc(): Document.Parsed {
    this.#doc ??= reparse(this.file);
    return this.#doc;
  }
}

/** A step whose script is parsed on first use, once: most scripts never matter to any rule (see project/script-interest.ts). */
class ParsedStep implements Step {
  readonly job: Job;
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly span: Span;
  readonly uses: UsesRef | undefined;
  readonly with: Step['with'];
  readonly env: Step['env'];
  readonly if: Scalar | undefined;
  readonly run: Scalar | undefined;
  readonly workingDirectory: string | undefined;
  /** The `run:` node while the script is unparsed; undefined when it is not a shell we parse. */
  #runNode: YamlScalar | undefined;
  #script: ShellScript | undefined;

  constructor(fields: Omit<Step, 'script'>, runNode: YamlScalar | undefined) {
    this.job = fields.job;
    this.index = fields.index;
    this.id = fields.id;
    this.name = fields.name;
    this.span = fields.span;
    this.uses = fields.uses;
    this.with = fields.with;
    this.env = fields.env;
    this.if = fields.if;
    this.run = fields.run;
    this.workingDirectory = fields.workingDirectory;
    this.#runNode = runNode;
  }

  get script(): ShellScript | undefined {
    if (this.#runNode && this.run) {
      const file = this.span.file;
      this.#script = parseShell(this.run.value, file, valueOffsetMapper(file, this.#runNode));
      this.#runNode = undefined;
    }
    return this.#script;
  }
}
