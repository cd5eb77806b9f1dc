// Parses a workflow file into the shared model: workflow → jobs → steps, with `run:` scripts
// parsed into shell commands. Parse problems come back as messages with spans, never as throws.
// The model is read from table rows (parse/yaml-table.ts): js-yaml's values and positions, or
// `yaml`'s document where js-yaml cannot vouch for the text.
import { parseDocument, type Document, type Scalar as YamlScalar } from 'yaml';
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
  ValueMap,
  Workflow,
} from '../model/types.js';
import { adoptText } from '../model/source.js';
import { parseWorkflowYaml } from './fast-yaml.js';
import { parseShell } from './shell.js';
import { parseUses } from './uses.js';
import { aliasExpansionError, valueOffsetMapper } from './yaml-scalars.js';
import { MAP, NONE, SCALAR, SEQ, tableOf, toDocument, YamlTable } from './yaml-table.js';

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: ParseProblem };

interface ParsedYaml {
  readonly table: YamlTable;
  /** js-yaml's copy of the text, which its values point into; undefined when `yaml` parsed it. */
  readonly shared: string | undefined;
  /** `yaml`'s document, when `yaml` parsed it. */
  readonly doc: Document.Parsed | undefined;
}

/** Parses YAML into `table`, turning the first parser error (alias bombs included) into a problem. */
function parseYaml(file: SourceFile, table: YamlTable): ParseResult<ParsedYaml> {
  try {
    const shared = parseWorkflowYaml(file.text, table);
    if (shared !== undefined) return { ok: true, value: { table, shared, doc: undefined } };
    return parseWithYaml(file, table);
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

function parseWithYaml(file: SourceFile, table: YamlTable): ParseResult<ParsedYaml> {
  const doc = parseDocument(file.text, { prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    // yaml may place an error at end of input one past the text (`[length, length + 1]`).
    const [start, end] = error.pos.map((p) => Math.min(p, file.text.length)) as [number, number];
    return {
      ok: false,
      problem: { message: `invalid YAML: ${firstLine(error.message)}`, span: { file, start, end } },
    };
  }
  const bomb = aliasExpansionError(doc);
  if (bomb)
    return {
      ok: false,
      problem: {
        message: `invalid YAML: ${firstLine(bomb.message)}`,
        span: { file, start: bomb.start, end: bomb.end },
      },
    };
  return { ok: true, value: { table: tableOf(doc, file.text, table), shared: undefined, doc } };
}

/** The `yaml` document of a file that parsed once already: it parses the same way again. */
function documentOf(file: SourceFile): Document.Parsed {
  const again = parseYaml(file, new YamlTable(''));
  if (!again.ok) throw new Error(`${file.path} no longer parses: ${again.problem.message}`);
  return again.value.doc ?? toDocument(again.value.table);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

const SHELLS_WE_PARSE = new Set(['bash', 'sh']);

/** One table for every workflow: each is read into the model before the next file is parsed. */
const TABLE = new YamlTable('');

export function parseWorkflow(file: SourceFile): ParseResult<Workflow> {
  const parsed = parseYaml(file, TABLE);
  if (!parsed.ok) return parsed;
  if (parsed.value.shared !== undefined) adoptText(file, parsed.value.shared);
  const y = new Rows(file, parsed.value.table);
  const root = y.table.length > 0 ? 0 : -1;
  if (y.table.kind(root) !== MAP) {
    return {
      ok: false,
      problem: {
        message: 'expected a mapping at the top of the workflow (with `on:` and `jobs:`)',
        span: y.span(root),
      },
    };
  }
  const jobs: Job[] = [];
  const on = y.table.keyOf(root, 'on');
  const workflow = new ParsedWorkflow(file, {
    name: y.at(root, 'name')?.value,
    on: parseTriggers(y, on >= 0 ? on : y.table.keyOf(root, 'true')),
    env: y.map(y.table.get(root, 'env')),
    jobs,
    concurrency: parseConcurrency(y, y.table.get(root, 'concurrency')),
    callInputs: parseCallInputs(y, y.path(root, 'on', 'workflow_call', 'inputs')),
    permissions: parsePermissions(y, y.table.keyOf(root, 'permissions')),
  });
  const defaultShell = y.at(y.path(root, 'defaults', 'run'), 'shell')?.value;
  const jobsRow = y.table.get(root, 'jobs');
  for (const [key, value] of y.pairs(jobsRow)) {
    if (y.table.kind(key) !== SCALAR || y.table.kind(value) !== MAP) continue;
    jobs.push(parseJob(y, workflow, key, value, defaultShell));
  }
  return { ok: true, value: workflow };
}

/** The rows of one file's document, read as the model's scalars, maps and lists. */
class Rows {
  constructor(
    readonly file: SourceFile,
    readonly table: YamlTable,
  ) {}

  span(row: number): Span {
    if (row < 0) return { file: this.file, start: 0, end: 0 };
    return { file: this.file, start: this.table.start(row), end: this.table.end(row) };
  }

  /** A scalar row as a Scalar (numbers and booleans as their source text); undefined otherwise. */
  scalar(row: number): Scalar | undefined {
    if (this.table.kind(row) !== SCALAR) return undefined;
    const value = this.table.value(row);
    if (value === null || value === undefined) return undefined;
    const span = this.span(row);
    return {
      value: typeof value === 'string' ? value : this.file.text.slice(span.start, span.end),
      span,
    };
  }

  /** The scalar under `key` of mapping `row`. */
  at(row: number, key: string): Scalar | undefined {
    return this.scalar(this.table.get(row, key));
  }

  /** The row at a path of keys from `row`; -1 when any is missing. */
  path(row: number, ...keys: string[]): number {
    let at = row;
    for (const key of keys) at = this.table.get(at, key);
    return at;
  }

  /** Key and value rows of mapping `row` (none when it is not a mapping). */
  pairs(row: number): [number, number][] {
    const out: [number, number][] = [];
    if (this.table.kind(row) !== MAP) return out;
    for (let k = row + 1, end = this.table.after(row); k < end; ) {
      const v = this.table.after(k);
      out.push([k, v]);
      k = this.table.after(v);
    }
    return out;
  }

  /** Item rows of sequence `row` (none when it is not a sequence). */
  items(row: number): number[] {
    const out: number[] = [];
    if (this.table.kind(row) !== SEQ) return out;
    for (let i = row + 1, end = this.table.after(row); i < end; i = this.table.after(i))
      out.push(i);
    return out;
  }

  /** A mapping of scalars (`env:`, `with:`, `outputs:`); non-scalar values are skipped. */
  map(row: number): ValueMap {
    if (this.table.kind(row) !== MAP || this.table.after(row) === row + 1) return NO_VALUES;
    const out = new Map<string, Scalar>();
    for (const [key, value] of this.pairs(row)) {
      if (this.table.kind(key) !== SCALAR) continue;
      const scalar = this.scalar(value);
      if (scalar) out.set(String(this.table.value(key)), scalar);
    }
    return out;
  }

  /** A scalar or a sequence of scalars, as a list (`needs: a` and `needs: [a, b]`). */
  list(row: number): Scalar[] {
    if (this.table.kind(row) === SEQ)
      return this.items(row).flatMap((item) => this.scalar(item) ?? []);
    const one = this.scalar(row);
    return one ? [one] : [];
  }
}

/** Most steps and jobs have no `with:` or `env:`: they share one empty map (read-only by type). */
const NO_VALUES: ValueMap = new Map();

function parseTriggers(y: Rows, key: number): Triggers {
  const events = new Set<string>();
  const pushBranches: Scalar[] = [];
  const pushTags: Scalar[] = [];
  const on = key < 0 ? -1 : y.table.after(key);
  for (const event of y.list(on)) events.add(event.value);
  if (y.table.kind(on) === MAP) {
    for (const [event] of y.pairs(on))
      if (y.table.kind(event) === SCALAR) events.add(String(y.table.value(event)));
    const push = y.table.get(on, 'push');
    pushBranches.push(...y.list(y.table.get(push, 'branches')));
    pushTags.push(...y.list(y.table.get(push, 'tags')));
  }
  return { events, pushBranches, pushTags, span: key < 0 ? undefined : y.span(key) };
}

function parseCallInputs(y: Rows, row: number): Workflow['callInputs'] {
  const inputs = new Map<string, { default: Scalar | undefined }>();
  for (const [key, value] of y.pairs(row)) {
    if (y.table.kind(key) === SCALAR)
      inputs.set(String(y.table.value(key)), { default: y.at(value, 'default') });
  }
  return inputs;
}

function parseJob(
  y: Rows,
  workflow: Workflow,
  idRow: number,
  row: number,
  workflowShell: string | undefined,
): Job {
  const steps: Step[] = [];
  const environment = y.table.get(row, 'environment');
  const uses = y.at(row, 'uses');
  const job: Job = {
    workflow,
    id: String(y.table.value(idRow)),
    idSpan: y.span(idRow),
    span: y.span(row),
    name: y.at(row, 'name')?.value,
    needs: y.list(y.table.get(row, 'needs')),
    if: y.at(row, 'if'),
    environment: y.scalar(environment) ?? y.at(environment, 'name'),
    env: y.map(y.table.get(row, 'env')),
    outputs: y.map(y.table.get(row, 'outputs')),
    uses: uses ? parseUses(uses) : undefined,
    with: y.map(y.table.get(row, 'with')),
    secrets: y.map(y.table.get(row, 'secrets')),
    steps,
    concurrency: parseConcurrency(y, y.table.get(row, 'concurrency')),
    matrix: parseMatrix(y, y.path(row, 'strategy', 'matrix')),
    permissions: parsePermissions(y, y.table.keyOf(row, 'permissions')),
    runsOn: parseRunsOn(y, y.table.keyOf(row, 'runs-on')),
  };
  const jobShell = y.at(y.path(row, 'defaults', 'run'), 'shell')?.value ?? workflowShell;
  y.items(y.table.get(row, 'steps')).forEach((step, index) => {
    if (y.table.kind(step) === MAP) steps.push(parseStep(y, job, index, step, jobShell));
  });
  return job;
}

function parseConcurrency(y: Rows, row: number): Concurrency | undefined {
  if (y.table.kind(row) === NONE) return undefined;
  return {
    group: y.scalar(row) ?? y.at(row, 'group'),
    cancelInProgress: y.at(row, 'cancel-in-progress'),
  };
}

/** `permissions:` as a string (`read-all`/`write-all`) or a scope → level mapping. */
function parsePermissions(y: Rows, key: number): Permissions | undefined {
  if (key < 0) return undefined;
  const value = y.table.after(key);
  return {
    span: y.span(y.table.kind(value) === NONE ? key : value),
    all: y.scalar(value),
    scopes: y.table.kind(value) === MAP ? y.map(value) : undefined,
  };
}

/** `runs-on:` labels: a string, a list, or the group form's `labels:` (and its `group:`). */
function parseRunsOn(y: Rows, key: number): Job['runsOn'] {
  if (key < 0) return undefined;
  const value = y.table.after(key);
  if (y.table.kind(value) === MAP)
    return { labels: y.list(y.table.get(value, 'labels')), group: y.at(value, 'group') };
  return { labels: y.list(value), group: undefined };
}

/** Literal matrix values per key and the `include` entries; expressions (`fromJSON(…)`) are unknown. */
function parseMatrix(y: Rows, row: number): Matrix {
  const keys = new Map<string, Scalar[]>();
  const include: Map<string, Scalar>[] = [];
  for (const [keyRow, value] of y.pairs(row)) {
    if (y.table.kind(keyRow) !== SCALAR) continue;
    const key = String(y.table.value(keyRow));
    if (key === 'include' && y.table.kind(value) === SEQ) {
      for (const entry of y.items(value)) {
        const values = y.map(entry);
        if (values.size > 0) include.push(new Map(values));
      }
    } else if (key !== 'exclude' && y.table.kind(value) === SEQ) keys.set(key, y.list(value));
  }
  return { keys, include };
}

function parseStep(
  y: Rows,
  job: Job,
  index: number,
  row: number,
  jobShell: string | undefined,
): Step {
  const uses = y.at(row, 'uses');
  const runRow = y.table.get(row, 'run');
  const run = y.scalar(runRow);
  const shell = y.at(row, 'shell')?.value ?? jobShell ?? 'bash';
  const parsesAsShell = run !== undefined && SHELLS_WE_PARSE.has(shell.split(/\s/)[0]!);
  return new ParsedStep(
    {
      job,
      index,
      id: y.at(row, 'id')?.value,
      name: y.at(row, 'name')?.value,
      span: y.span(row),
      uses: uses ? parseUses(uses) : undefined,
      with: y.map(y.table.get(row, 'with')),
      env: y.map(y.table.get(row, 'env')),
      if: y.at(row, 'if'),
      run,
      workingDirectory: y.at(row, 'working-directory')?.value,
    },
    parsesAsShell ? y.table.style(runRow) : undefined,
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
    this.#doc ??= documentOf(this.file);
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
  /** The `run:` scalar's style while the script is unparsed; undefined when it is not a shell we parse. */
  #runStyle: YamlScalar.Type | undefined;
  #script: ShellScript | undefined;

  constructor(fields: Omit<Step, 'script'>, runStyle: YamlScalar.Type | undefined) {
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
    this.#runStyle = runStyle;
  }

  get script(): ShellScript | undefined {
    if (this.#runStyle && this.run) {
      const file = this.span.file;
      const { span, value } = this.run;
      this.#script = parseShell(
        value,
        file,
        valueOffsetMapper(file, { type: this.#runStyle, start: span.start, end: span.end, value }),
      );
      this.#runStyle = undefined;
    }
    return this.#script;
  }
}
