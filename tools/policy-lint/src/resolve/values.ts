// Follows a value across files to what it is made of: literal text, or a symbol such as "the
// commit SHA" or "a branch name". Whatever cannot be followed is `unknown`, and unknown is never a
// finding by itself: the rules only speak about what they can see.
import type { Job, Scalar, ShellCommand, Span, Step, Workflow } from '../model/types.js';
import { parseShell } from '../parse/shell.js';
import { isFullSha } from '@doppio-dev/shared';
import { commandName } from '../vocabulary/commands.js';
import { hasEcrHost } from '../vocabulary/images.js';

/** `ecr-registry` stands for a private ECR registry host (for example amazon-ecr-login's output). */
export type Sym = 'sha' | 'short-sha' | 'ref' | 'run' | 'date' | 'ecr-registry';

export type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly span: Span | undefined }
  | {
      readonly kind: 'sym';
      readonly sym: Sym;
      readonly source: string;
      readonly span: Span | undefined;
    }
  | { readonly kind: 'unknown'; readonly span: Span | undefined }
  /** One of several values: a variable written by several steps under different `if:`, in
   *  several branches of a script, or an expression `a || b`. */
  | {
      readonly kind: 'choice';
      readonly options: readonly (readonly Piece[])[];
      readonly span: Span | undefined;
    };

const MAX_DEPTH = 12;
/** Variables looked up for one value: values with several values each could otherwise multiply
 *  the work at every level of MAX_DEPTH. Past it, the rest is unknown. */
const MAX_LOOKUPS = 4000;
/** Values of a choice followed; a value with more stays unknown (see alternatives). */
const MAX_ALTERNATIVES = 16;

// github context properties and the runner's default variables with a known meaning.
const CONTEXT_SYMBOLS: Readonly<Record<string, Sym>> = {
  'github.sha': 'sha',
  'github.event.after': 'sha',
  'github.event.head_commit.id': 'sha',
  'github.event.pull_request.head.sha': 'sha',
  'github.event.workflow_run.head_sha': 'sha',
  'github.ref': 'ref',
  'github.ref_name': 'ref',
  'github.head_ref': 'ref',
  'github.base_ref': 'ref',
  'github.event.release.tag_name': 'ref',
  'github.event.pull_request.head.ref': 'ref',
  'github.run_number': 'run',
  'github.run_id': 'run',
  'github.run_attempt': 'run',
};

const RUNNER_VARIABLES: Readonly<Record<string, Sym>> = {
  GITHUB_SHA: 'sha',
  GITHUB_REF: 'ref',
  GITHUB_REF_NAME: 'ref',
  GITHUB_HEAD_REF: 'ref',
  GITHUB_BASE_REF: 'ref',
  GITHUB_RUN_NUMBER: 'run',
  GITHUB_RUN_ID: 'run',
  GITHUB_RUN_ATTEMPT: 'run',
};

/** Where a value is read: a workflow, a job, a step, or a command inside a step's script. */
export interface Scope {
  readonly workflow: Workflow;
  readonly job?: Job | undefined;
  readonly step?: Step | undefined;
  /** Set for shell values: commands of the same script before this one can assign variables. */
  readonly command?: ShellCommand | undefined;
  /** Commands that run before `command` in the same script, in order (for assignments). */
  readonly earlier?: readonly ShellCommand[] | undefined;
  /** One combination of the job's matrix, when the value is read for each combination. */
  readonly matrix?: ReadonlyMap<string, Scalar> | undefined;
  /** Set for the commands of Makefile recipes: the variables of the `make` command line. */
  readonly make?: MakeContext | undefined;
}

/** What a `make` command line passes to the recipes it runs (`make deploy IMAGE_TAG=…`). */
export interface MakeContext {
  /** Variables set on the command line, each read where `make` runs; make exports them too. */
  readonly variables: ReadonlyMap<
    string,
    { readonly raw: string; readonly span: Span; readonly scope: Scope }
  >;
  /** Variables the Makefile assigns: not evaluated, so unknown unless the command line sets them. */
  readonly assigned: ReadonlySet<string>;
}

/** One write of a value by a step's script. */
export interface Write {
  readonly raw: string;
  readonly span: Span;
  readonly scope: Scope & { readonly command: ShellCommand };
}

/** Values written by steps: `$GITHUB_ENV`, `$GITHUB_OUTPUT` and `::set-output`, every write of a
 *  name in script order. */
export interface StepWrites {
  readonly env: ReadonlyMap<string, readonly Write[]>;
  readonly outputs: ReadonlyMap<string, readonly Write[]>;
}

// An `if:` that is always true does not make a step conditional.
const ALWAYS = /^\s*(\$\{\{\s*)?(always\(\)|success\(\)|true)\s*(\}\})?\s*$/;

/** Whether a step may be skipped by its `if:`. */
function mayBeSkipped(step: Step): boolean {
  return step.if !== undefined && !ALWAYS.test(step.if.value);
}

/** The pieces of several possible values: one of them, or a choice. */
function oneOf(options: readonly (readonly Piece[])[], span: Span | undefined): Piece[] {
  if (options.length === 1) return [...options[0]!];
  return [{ kind: 'choice', options, span }];
}

/** What known actions and reusable workflows output, for `steps.*.outputs` and `needs.*.outputs`. */
export interface KnownOutputs {
  step(step: Step, output: string, resolver: Resolver): Piece[] | undefined;
  call(job: Job, output: string, resolver: Resolver): Piece[] | undefined;
}

export class Resolver {
  private readonly writes = new Map<Step, StepWrites>();
  /** Reusable-workflow calls whose known outputs are being worked out: KnownOutputs.call starts
   *  again at depth 0, so a call whose input names its own output (`needs.build.outputs.image`
   *  in build's own `with:`) would recurse without end. */
  private readonly calling = new Set<Job>();
  /** Lookups made for the value being resolved (see MAX_LOOKUPS). */
  private lookups = 0;

  constructor(
    private readonly stepWrites: (step: Step) => StepWrites,
    private readonly known: KnownOutputs,
  ) {}

  private writesOf(step: Step): StepWrites {
    let writes = this.writes.get(step);
    if (!writes) {
      writes = this.stepWrites(step);
      this.writes.set(step, writes);
    }
    return writes;
  }

  /** A YAML value that may hold `${{ … }}` expressions (env, with, outputs). */
  expressionText(value: Scalar, scope: Scope, depth = 0): Piece[] {
    if (depth === 0) this.lookups = 0;
    return this.interpolate(value.value, value.span, scope, depth);
  }

  private interpolate(text: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    const pieces: Piece[] = [];
    let at = 0;
    for (let open = text.indexOf('${{', at); open !== -1; open = text.indexOf('${{', at)) {
      const close = text.indexOf('}}', open + 3);
      if (close === -1) break;
      if (open > at) pieces.push({ kind: 'text', text: text.slice(at, open), span });
      pieces.push(...this.expression(text.slice(open + 3, close).trim(), span, scope, depth + 1));
      at = close + 2;
    }
    if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at), span });
    return pieces;
  }

  /** One `${{ }}` expression. Only property paths are followed: `a || b`, functions and the like
   *  could be anything, so they are unknown. */
  expression(expr: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    if (depth > MAX_DEPTH) return [{ kind: 'unknown', span }];
    // `a || b` is the first truthy operand, `c && d || e` (GitHub's ternary) d or e: one of them.
    const operands = topLevelSplit(expr, '||');
    if (operands.length > 1)
      return oneOf(
        operands.map((o) => this.operand(topLevelSplit(o, '&&').at(-1)!, span, scope, depth)),
        span,
      );
    return this.operand(expr, span, scope, depth);
  }

  /** A string literal or a property path of an expression. */
  private operand(expr: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    const quoted = /^'((?:[^']|'')*)'$/.exec(expr.trim());
    if (quoted) return [{ kind: 'text', text: quoted[1]!.replace(/''/g, "'"), span }];
    expr = expr.trim();
    const path = /^[A-Za-z_][\w-]*(\.[\w-]+|\[['"][\w-]+['"]\])*$/.test(expr)
      ? expr.replace(/\[['"]([\w-]+)['"]\]/g, '.$1')
      : undefined;
    if (path === undefined) return [{ kind: 'unknown', span }];
    const sym = CONTEXT_SYMBOLS[path];
    if (sym) return [{ kind: 'sym', sym, source: path, span }];
    const [context, a, b, c] = path.split('.');
    if (context === 'env' && a && b === undefined)
      return this.envVariable(a, span, scope, depth, false);
    const bound = context === 'matrix' && a && b === undefined ? scope.matrix?.get(a) : undefined;
    // A matrix value may itself hold expressions (`tag: ${{ github.sha }}`).
    if (bound !== undefined) return this.interpolate(bound.value, bound.span, scope, depth + 1);
    if (context === 'steps' && a && b === 'outputs' && c && scope.job) {
      const step = scope.job.steps.find((s) => s.id === a);
      return step
        ? this.stepOutput(step, c, span, depth, scope.matrix)
        : [{ kind: 'unknown', span }];
    }
    if (context === 'needs' && a && b === 'outputs' && c) {
      const job = scope.workflow.jobs.find((j) => j.id === a);
      const output = job?.outputs.get(c);
      if (job && output)
        return this.expressionText(output, { workflow: scope.workflow, job }, depth + 1);
      if (!job || this.calling.has(job)) return [{ kind: 'unknown', span }];
      this.calling.add(job);
      try {
        return this.known.call(job, c, this) ?? [{ kind: 'unknown', span }];
      } finally {
        this.calling.delete(job);
      }
    }
    return [{ kind: 'unknown', span }];
  }

  stepOutput(
    step: Step,
    name: string,
    span: Span | undefined,
    depth: number,
    matrix?: ReadonlyMap<string, Scalar>,
  ): Piece[] {
    const writes = this.writesOf(step).outputs.get(name);
    if (!writes) return this.known.step(step, name, this) ?? [{ kind: 'unknown', span }];
    const { options, complete } = this.latestWrites(writes, false, matrix, depth);
    return oneOf(complete ? options : [...options, [{ kind: 'unknown', span }]], span);
  }

  /**
   * A variable as seen from the scope: earlier assignments in the same script, the command's own
   * prefix assignments, the `make` command line of a recipe, the step's env, earlier
   * `$GITHUB_ENV` writes in the job, the job's env, the workflow's env, the runner's own. A value
   * set where it may not happen (a script branch, a step with `if:`) is one of several: the
   * values up to the nearest one that surely happens, or else what lies beyond.
   */
  envVariable(
    name: string,
    span: Span | undefined,
    scope: Scope,
    depth: number,
    shell: boolean,
  ): Piece[] {
    if (depth === 0) this.lookups = 0;
    if (depth > MAX_DEPTH || ++this.lookups > MAX_LOOKUPS) return [{ kind: 'unknown', span }];
    const options: Piece[][] = [];
    if (shell && scope.earlier) {
      for (let i = scope.earlier.length - 1; i >= 0; i--) {
        const command = scope.earlier[i]!;
        const assigned = assignmentIn(command, name);
        if (!assigned) continue;
        options.push(
          this.shellText(
            assigned.raw,
            assigned.span,
            { ...scope, command, earlier: scope.earlier.slice(0, i) },
            depth + 1,
          ),
        );
        if (!command.conditional) return oneOf(options, span);
      }
    }
    const beyond = this.environmentVariable(name, span, scope, depth, shell);
    return options.length === 0 ? beyond : oneOf([...options, beyond], span);
  }

  /** envVariable past the script's own assignments. */
  private environmentVariable(
    name: string,
    span: Span | undefined,
    scope: Scope,
    depth: number,
    shell: boolean,
  ): Piece[] {
    if (shell && scope.command) {
      const prefix = scope.command.assignments.find((a) => a.name === name);
      if (prefix)
        return this.shellText(
          prefix.raw,
          prefix.span,
          { ...scope, earlier: scope.earlier },
          depth + 1,
        );
    }
    // make exports the variables of its command line to the recipes' commands.
    const fromMake = shell ? scope.make?.variables.get(name) : undefined;
    if (fromMake) return this.shellText(fromMake.raw, fromMake.span, fromMake.scope, depth + 1);
    const fromStep = scope.step?.env.get(name);
    const within = { workflow: scope.workflow, job: scope.job, matrix: scope.matrix };
    if (fromStep) return this.expressionText(fromStep, { ...within, step: scope.step }, depth + 1);
    const options: Piece[][] = [];
    if (scope.job && scope.step) {
      const steps = scope.job.steps;
      for (let i = scope.step.index - 1; i >= 0; i--) {
        const writes = steps[i] && this.writesOf(steps[i]!).env.get(name);
        if (!writes) continue;
        const found = this.latestWrites(writes, mayBeSkipped(steps[i]!), scope.matrix, depth);
        options.push(...found.options);
        if (found.complete) return oneOf(options, span);
      }
    }
    const beyond = this.jobVariable(name, span, scope, depth);
    return options.length === 0 ? beyond : oneOf([...options, beyond], span);
  }

  /** A variable from the job's env, the workflow's env or the runner. */
  private jobVariable(name: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    const fromJob = scope.job?.env.get(name);
    const within = { workflow: scope.workflow, job: scope.job, matrix: scope.matrix };
    if (fromJob) return this.expressionText(fromJob, within, depth + 1);
    const fromWorkflow = scope.workflow.env.get(name);
    if (fromWorkflow)
      return this.expressionText(fromWorkflow, { workflow: scope.workflow }, depth + 1);
    const runner = RUNNER_VARIABLES[name];
    if (runner) return [{ kind: 'sym', sym: runner, source: `$${name}`, span }];
    return [{ kind: 'unknown', span }];
  }

  /** The values a step's writes of one name may leave, newest first, up to the newest write
   *  that surely happens (`complete`); every write may be skipped when the step may be. */
  private latestWrites(
    writes: readonly Write[],
    stepMayBeSkipped: boolean,
    matrix: ReadonlyMap<string, Scalar> | undefined,
    depth: number,
  ): { options: Piece[][]; complete: boolean } {
    const options: Piece[][] = [];
    for (let w = writes.length - 1; w >= 0; w--) {
      const write = writes[w]!;
      options.push(this.shellText(write.raw, write.span, { ...write.scope, matrix }, depth + 1));
      if (!write.scope.command.conditional && !stepMayBeSkipped) return { options, complete: true };
    }
    return { options, complete: false };
  }

  /** `$(NAME)` / `${NAME}` in a Makefile recipe: the command line's value, else the environment's
   *  (make imports it), unless the Makefile assigns the variable itself. */
  private makeVariable(
    name: string,
    span: Span | undefined,
    scope: Scope,
    make: MakeContext,
    depth: number,
  ): Piece[] {
    const fromLine = make.variables.get(name);
    if (fromLine) return this.shellText(fromLine.raw, fromLine.span, fromLine.scope, depth + 1);
    if (make.assigned.has(name)) return [{ kind: 'unknown', span }];
    return this.envVariable(name, span, { ...scope, earlier: undefined }, depth + 1, false);
  }

  /**
   * Shell text as one word would expand it: literal parts, `$X`, `${X}`, `${X::7}` (short SHA),
   * prefix and suffix trims such as `${X##…}` (a ref name), `$(…)` command substitutions, and `${{ }}`.
   * Hand-written because the shell parser gives words, not the parts of an expansion.
   */
  shellText(raw: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    if (depth === 0) this.lookups = 0;
    if (depth > MAX_DEPTH) return [{ kind: 'unknown', span }];
    const pieces: Piece[] = [];
    let text = '';
    const flush = (): void => {
      if (text) pieces.push({ kind: 'text', text, span });
      text = '';
    };
    for (let i = 0; i < raw.length; ) {
      const ch = raw[i]!;
      if (ch === "'") {
        const end = raw.indexOf("'", i + 1);
        text += raw.slice(i + 1, end === -1 ? raw.length : end);
        i = end === -1 ? raw.length : end + 1;
      } else if (ch === '"') {
        i++;
      } else if (ch === '\\' && i + 1 < raw.length) {
        text += raw[i + 1];
        i += 2;
      } else if (raw.startsWith('${{', i)) {
        const close = raw.indexOf('}}', i);
        if (close === -1) return [...pieces, { kind: 'unknown', span }];
        flush();
        pieces.push(...this.expression(raw.slice(i + 3, close).trim(), span, scope, depth + 1));
        i = close + 2;
      } else if (raw.startsWith('$(', i) && !raw.startsWith('$((', i)) {
        const close = matchingParen(raw, i + 1);
        flush();
        const inner = raw.slice(i + 2, close);
        // In a Makefile recipe `$(NAME)` is make's variable, not a command substitution.
        pieces.push(
          ...(scope.make && MAKE_NAME.test(inner)
            ? this.makeVariable(inner, span, scope, scope.make, depth)
            : this.substitution(inner, span, scope, depth + 1)),
        );
        i = close + 1;
      } else if (ch === '`') {
        const close = raw.indexOf('`', i + 1);
        flush();
        pieces.push(
          ...this.substitution(
            raw.slice(i + 1, close === -1 ? raw.length : close),
            span,
            scope,
            depth + 1,
          ),
        );
        i = close === -1 ? raw.length : close + 1;
      } else if (ch === '$' && raw[i + 1] === '{') {
        const close = raw.indexOf('}', i);
        if (close === -1) return [...pieces, { kind: 'unknown', span }];
        flush();
        const body = raw.slice(i + 2, close);
        pieces.push(
          ...(scope.make && MAKE_NAME.test(body)
            ? this.makeVariable(body, span, scope, scope.make, depth)
            : this.parameter(body, span, scope, depth)),
        );
        i = close + 1;
      } else if (ch === '$' && /[A-Za-z_]/.test(raw[i + 1] ?? '')) {
        const name = /^[A-Za-z_]\w*/.exec(raw.slice(i + 1))![0];
        flush();
        pieces.push(...this.envVariable(name, span, scope, depth + 1, true));
        i += 1 + name.length;
      } else if (ch === '$') {
        flush();
        pieces.push({ kind: 'unknown', span });
        i++;
      } else {
        text += ch;
        i++;
      }
    }
    flush();
    return pieces;
  }

  /** `${NAME…}`: plain, substring (a short SHA when it cuts the SHA), or a trim (a ref's last part). */
  private parameter(body: string, span: Span | undefined, scope: Scope, depth: number): Piece[] {
    const name = /^[A-Za-z_]\w*/.exec(body)?.[0];
    if (!name) return [{ kind: 'unknown', span }];
    const operator = body.slice(name.length);
    const value = this.envVariable(name, span, scope, depth + 1, true);
    if (operator === '') return value;
    const only = value.length === 1 ? value[0]! : undefined;
    if (/^:\s*0?\s*:\s*\d+$/.test(operator) && only?.kind === 'sym' && only.sym === 'sha') {
      return [{ kind: 'sym', sym: 'short-sha', source: `\${${body}}`, span }];
    }
    if (/^(##?|%%?)/.test(operator) && only?.kind === 'sym' && only.sym === 'ref') {
      return [{ kind: 'sym', sym: 'ref', source: `\${${body}}`, span }];
    }
    if (/^:?-/.test(operator)) return [{ kind: 'unknown', span }];
    return [{ kind: 'unknown', span }];
  }

  /** `$(…)`: the commands whose output has a known meaning (git, date, cut). */
  private substitution(
    source: string,
    span: Span | undefined,
    scope: Scope,
    depth: number,
  ): Piece[] {
    if (!span) return [{ kind: 'unknown', span }];
    const script = parseShell(source, span.file, () => span.start);
    const commands = script.commands;
    const names = commands.map(commandName);
    const args = commands.map((c) => c.args.map((a) => a.literal ?? a.raw));
    const shorten = names.some(
      (n, i) => n === 'cut' || (n === 'head' && args[i]!.some((a) => a.startsWith('-c'))),
    );
    const first = names[0];
    const firstArgs = args[0] ?? [];
    let result: Piece[] | undefined;
    if (first === 'date') result = [{ kind: 'sym', sym: 'date', source: `$(${source})`, span }];
    else if (first === 'git') {
      const sub = firstArgs[0];
      if (sub === 'rev-parse' && firstArgs.includes('--abbrev-ref'))
        result = [{ kind: 'sym', sym: 'ref', source: `$(${source})`, span }];
      else if (
        sub === 'rev-parse' ||
        (sub === 'log' && firstArgs.some((a) => /%H\b/.test(a))) ||
        (sub === 'show' && firstArgs.some((a) => /%H\b/.test(a)))
      ) {
        result = [
          {
            kind: 'sym',
            sym: firstArgs.some((a) => a.startsWith('--short')) ? 'short-sha' : 'sha',
            source: `$(${source})`,
            span,
          },
        ];
      } else if (sub === 'describe' || sub === 'branch' || sub === 'symbolic-ref')
        result = [{ kind: 'sym', sym: 'ref', source: `$(${source})`, span }];
    } else if (first === 'echo' || first === 'printf') {
      const word = commands[0]!.args.find((a) => !(a.literal ?? '').startsWith('-'));
      if (word) result = this.shellText(word.raw, span, scope, depth + 1);
    }
    if (!result) return [{ kind: 'unknown', span }];
    if (shorten && result.length === 1 && result[0]!.kind === 'sym' && result[0]!.sym === 'sha') {
      return [{ kind: 'sym', sym: 'short-sha', source: `$(${source})`, span }];
    }
    return result;
  }
}

const MAKE_NAME = /^[A-Za-z_][\w.-]*$/;

/** `expr` split at `operator` outside parentheses, brackets and string literals. */
function topLevelSplit(expr: string, operator: '||' | '&&'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && expr.startsWith(operator, i)) {
      parts.push(expr.slice(from, i));
      from = i + operator.length;
      i++;
    }
  }
  parts.push(expr.slice(from));
  return parts;
}

/** Every value the pieces may have, choices expanded (at most MAX_ALTERNATIVES; past that, one
 *  unknown value). */
export function alternatives(pieces: readonly Piece[]): Piece[][] {
  let out: Piece[][] = [[]];
  for (const piece of pieces) {
    if (piece.kind !== 'choice') {
      for (const alternative of out) alternative.push(piece);
      continue;
    }
    const next = piece.options.flatMap((option) =>
      alternatives(option).flatMap((expanded) => out.map((a) => [...a, ...expanded])),
    );
    if (next.length > MAX_ALTERNATIVES) return [[{ kind: 'unknown', span: piece.span }]];
    out = next;
  }
  return out;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** `NAME=value` assigned by a bare assignment or `export`/`declare`/`readonly`/`local`. */
export function assignmentIn(
  command: ShellCommand,
  name: string,
): { raw: string; span: Span } | undefined {
  if (command.name === undefined) {
    const found = command.assignments.find((a) => a.name === name);
    return found ? { raw: found.raw, span: found.span } : undefined;
  }
  const declarer = commandName(command);
  if (
    declarer !== 'export' &&
    declarer !== 'declare' &&
    declarer !== 'readonly' &&
    declarer !== 'local' &&
    declarer !== 'typeset'
  )
    return undefined;
  for (const arg of command.args) {
    if (arg.raw.startsWith(`${name}=`))
      return { raw: arg.raw.slice(name.length + 1), span: arg.span };
  }
  return undefined;
}

/** The tag's meaning, from its pieces. */
export type TagVerdict =
  | { readonly kind: 'sha' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'short-sha'; readonly source: string; readonly span: Span | undefined }
  | { readonly kind: 'mutable'; readonly what: string; readonly span: Span | undefined };

const SYM_WORDS: Readonly<Record<Exclude<Sym, 'sha' | 'short-sha' | 'ecr-registry'>, string>> = {
  ref: 'a branch or ref name',
  run: 'a run number',
  date: 'a date',
};

/** The tag's meaning, from its pieces; a tag with several possible values is unknown here: judge
 *  each of its alternatives(). */
export function judgeTag(pieces: readonly Piece[]): TagVerdict {
  if (pieces.some((p) => p.kind === 'unknown' || p.kind === 'choice')) return { kind: 'unknown' };
  for (const piece of pieces) {
    if (
      piece.kind === 'sym' &&
      piece.sym !== 'sha' &&
      piece.sym !== 'short-sha' &&
      piece.sym !== 'ecr-registry'
    ) {
      return {
        kind: 'mutable',
        what: `${SYM_WORDS[piece.sym]} (\`${piece.source}\`)`,
        span: piece.span,
      };
    }
  }
  if (pieces.some((p) => p.kind === 'sym' && p.sym === 'sha')) return { kind: 'sha' };
  const short = pieces.find((p) => p.kind === 'sym' && p.sym === 'short-sha');
  if (short && short.kind === 'sym')
    return { kind: 'short-sha', source: short.source, span: short.span };
  const text = pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  if (/[$`{}]/.test(text)) return { kind: 'unknown' };
  if (isFullSha(text)) return { kind: 'sha' };
  const first = pieces[0];
  return {
    kind: 'mutable',
    what: text === '' ? 'no tag (Docker uses `latest`)' : `the fixed tag \`${text}\``,
    span: first?.span,
  };
}

export interface ImageParts {
  readonly repository: readonly Piece[];
  /** undefined when the reference has no tag; empty array never. */
  readonly tag: readonly Piece[] | undefined;
  readonly digest: boolean;
}

/**
 * Splits a resolved image reference at its tag: the last `:` after the last `/` (a registry may
 * have a `:port`). undefined when an unknown piece makes the split uncertain.
 */
export function splitImage(pieces: readonly Piece[]): ImageParts | undefined {
  let slash = -1;
  let colon: { index: number; at: number } | undefined;
  pieces.forEach((piece, index) => {
    if (piece.kind !== 'text') return;
    if (piece.text.includes('@sha256:')) colon = { index, at: -2 };
    const s = piece.text.lastIndexOf('/');
    if (s !== -1) {
      slash = index;
      colon = undefined;
    }
    const c = piece.text.lastIndexOf(':');
    if (c !== -1 && c > s && colon?.at !== -2) colon = { index, at: c };
  });
  if (colon?.at === -2) return { repository: pieces, tag: undefined, digest: true };
  if (!colon) {
    const unknownAfterSlash = pieces
      .slice(Math.max(slash, 0))
      .some((p) => p.kind === 'unknown' || p.kind === 'choice');
    return unknownAfterSlash ? undefined : { repository: pieces, tag: undefined, digest: false };
  }
  const { index, at } = colon;
  const piece = pieces[index] as Extract<Piece, { kind: 'text' }>;
  const head = piece.text.slice(0, at);
  const tail = piece.text.slice(at + 1);
  return {
    repository: [...pieces.slice(0, index), ...(head ? [{ ...piece, text: head }] : [])],
    tag: [...(tail ? [{ ...piece, text: tail }] : []), ...pieces.slice(index + 1)],
    digest: false,
  };
}

/** True when the reference names a private ECR registry. */
export function isEcr(repository: readonly Piece[]): boolean {
  return repository.some(
    (p) =>
      (p.kind === 'sym' && p.sym === 'ecr-registry') || (p.kind === 'text' && hasEcrHost(p.text)),
  );
}

/** The repository part as text, unknown and symbolic pieces written as placeholders. */
export function repositoryText(repository: readonly Piece[]): string {
  return repository
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'sym' ? `<${p.sym}>` : '<?>'))
    .join('');
}
