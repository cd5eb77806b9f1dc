// The shared model: every file is parsed once into these shapes, and every rule reads them.
// Positions are offsets into SourceFile.text (UTF-16 code units, as JavaScript strings count);
// the engine turns them into 1-based line/column only when it writes a finding.
import type { Document, LineCounter } from 'yaml';

export type FileKind =
  | 'workflow'
  | 'action'
  | 'ecspresso-config'
  | 'task-definition'
  | 'service-definition'
  | 'script'
  | 'makefile'
  | 'jsonnet-library';

export interface SourceFile {
  /** Path relative to the linted root, with `/` separators. */
  readonly path: string;
  readonly absPath: string;
  readonly kind: FileKind;
  readonly text: string;
  readonly lines: LineCounter;
}

/** A half-open span [start, end) of offsets into a file's text. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

/** A scalar as written in a file, with the span of its source. */
export interface Scalar {
  readonly value: string;
  readonly span: Span;
}

export type Environment = 'production' | 'staging' | 'development' | string;

// ---------------------------------------------------------------------------------------------
// Shell

/** One word of a shell command as the parser saw it. */
export interface ShellWord {
  /** Source text of the word, quotes included. */
  readonly raw: string;
  /** The word's value when it has no expansion (quotes removed), otherwise undefined. */
  readonly literal: string | undefined;
  readonly span: Span;
}

export interface ShellAssignment {
  readonly name: string;
  /** Source text of the value, quotes included ('' for `X=`). */
  readonly raw: string;
  readonly span: Span;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, … */
  readonly operator: string;
  readonly target: ShellWord;
}

/** A simple command: `A=1 B=2 name arg1 arg2 > out`. */
export interface ShellCommand {
  /** undefined for a bare assignment such as `TAG=$(git rev-parse HEAD)`. */
  readonly name: ShellWord | undefined;
  readonly args: readonly ShellWord[];
  /** Assignments written before the command name (or the whole statement when name is undefined). */
  readonly assignments: readonly ShellAssignment[];
  readonly redirects: readonly ShellRedirect[];
  /** `export` / `declare` / `local` statements are reported as commands named so, args holding
   *  `NAME=value` words. */
  readonly span: Span;
  /** Commands nested in `$( … )` of this command's words. */
  readonly substitutions: readonly ShellCommand[];
  /** The directory the command runs in, relative to where its script started (`.`), after the
   *  script's own `cd`, `pushd` and `popd`; undefined when a `cd` cannot be followed. */
  readonly directory: string | undefined;
  /** True when the command may not run: in an `if`/`case` branch, a loop or function body, or
   *  after `&&`/`||`. */
  readonly conditional: boolean;
}

export interface ShellScript {
  readonly span: Span;
  readonly commands: readonly ShellCommand[];
  /** Set when the parser reported syntax errors; commands hold what could be recovered. */
  readonly hasErrors: boolean;
}

// ---------------------------------------------------------------------------------------------
// Workflows

export interface UsesRef {
  readonly raw: Scalar;
  readonly kind: 'action' | 'reusable-workflow' | 'docker' | 'local';
  /** `owner/repo` for remote refs. */
  readonly repository?: string;
  /** Path inside the repository (`actions/setup`, `.github/workflows/x.yml`), '' for the root. */
  readonly path?: string;
  /** The ref after `@` (remote) or the image reference (docker). */
  readonly ref?: string;
  /** The span of the ref inside the `uses:` value. */
  readonly refSpan?: Span;
}

export type ValueMap = ReadonlyMap<string, Scalar>;

export interface Step {
  readonly job: Job;
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly span: Span;
  readonly uses: UsesRef | undefined;
  readonly with: ValueMap;
  readonly env: ValueMap;
  readonly if: Scalar | undefined;
  readonly run: Scalar | undefined;
  readonly script: ShellScript | undefined;
  readonly workingDirectory: string | undefined;
}

export interface Job {
  readonly workflow: Workflow;
  readonly id: string;
  readonly idSpan: Span;
  readonly span: Span;
  readonly name: string | undefined;
  readonly needs: readonly Scalar[];
  readonly if: Scalar | undefined;
  /** The `environment:` name (string form or `name:` of the mapping form). */
  readonly environment: Scalar | undefined;
  readonly env: ValueMap;
  readonly outputs: ValueMap;
  /** A reusable-workflow call (`jobs.<id>.uses`). */
  readonly uses: UsesRef | undefined;
  readonly with: ValueMap;
  readonly secrets: ValueMap;
  readonly steps: readonly Step[];
  readonly concurrency: Concurrency | undefined;
  /** `strategy.matrix` as written: each key's literal values, and the `include` entries. */
  readonly matrix: Matrix;
  /** The job's own `permissions:` block; undefined when it has none (the workflow's applies). */
  readonly permissions: Permissions | undefined;
  /** `runs-on:` labels as written (string, list, or the `labels:` of the group form). */
  readonly runsOn:
    | { readonly labels: readonly Scalar[]; readonly group: Scalar | undefined }
    | undefined;
}

/**
 * A `permissions:` block. GitHub: a job's block replaces the workflow's; with no block anywhere the
 * token gets the repository default, which never includes `id-token: write`.
 */
export interface Permissions {
  readonly span: Span;
  /** The string form (`read-all`, `write-all`); undefined for the mapping form. */
  readonly all: Scalar | undefined;
  /** Scope → level of the mapping form (`{}` is empty); undefined when the block is not a mapping. */
  readonly scopes: ValueMap | undefined;
}

/** A `concurrency:` block (or its string form, which is the group). */
export interface Concurrency {
  readonly group: Scalar | undefined;
  readonly cancelInProgress: Scalar | undefined;
}

export interface Matrix {
  readonly keys: ReadonlyMap<string, readonly Scalar[]>;
  readonly include: readonly ReadonlyMap<string, Scalar>[];
}

export interface Triggers {
  /** Event names in `on:`. */
  readonly events: ReadonlySet<string>;
  readonly pushBranches: readonly Scalar[];
  readonly pushTags: readonly Scalar[];
  readonly span: Span | undefined;
}

export interface Workflow {
  readonly file: SourceFile;
  readonly doc: Document.Parsed;
  readonly name: string | undefined;
  readonly on: Triggers;
  readonly env: ValueMap;
  readonly jobs: readonly Job[];
  /** Workflow-level `concurrency:`, which holds the whole run. */
  readonly concurrency: Concurrency | undefined;
  /** `on.workflow_call.inputs` names when this is a reusable workflow. */
  readonly callInputs: ReadonlyMap<string, { readonly default: Scalar | undefined }>;
  /** The workflow-level `permissions:` block, undefined when there is none. */
  readonly permissions: Permissions | undefined;
}

// ---------------------------------------------------------------------------------------------
// ecspresso

/** A Go-template action found in an ecspresso file, e.g. {{ must_env `IMAGE_TAG` }}. */
export interface TemplateExpr {
  readonly source: string;
  readonly span: Span;
  /** Function name (`must_env`, `env`, `tfstate`, `ssm`, …) or undefined for other actions. */
  readonly func: string | undefined;
  /** Literal string arguments in order. */
  readonly args: readonly string[];
}

/** A string value of an ecspresso file with its template expressions kept as expressions. */
export interface TemplatedString {
  readonly span: Span;
  /** Source text, templates included. */
  readonly text: string;
  readonly parts: readonly (
    | { readonly kind: 'text'; readonly text: string }
    | { readonly kind: 'expr'; readonly expr: TemplateExpr }
  )[];
}

export interface ContainerImage {
  readonly container: string | undefined;
  readonly image: TemplatedString;
  /** Everything before the tag (registry/repository), templates kept as their source text. */
  readonly repository: string;
  /** The tag part (after the last `:` of the last path segment), undefined when there is none;
   *  a digest reference (`@sha256:`) gives tag undefined and digest true. */
  readonly tag: TemplatedString['parts'] | undefined;
  readonly tagSpan: Span | undefined;
  readonly digest: boolean;
}

export interface TaskDefinition {
  readonly file: SourceFile;
  /** False when it could not be read or evaluated (jsonnet that needs a lookup's value): nothing
   *  is known about it. */
  readonly known: boolean;
  readonly images: readonly ContainerImage[];
}

export interface EcspressoConfig {
  readonly file: SourceFile;
  readonly known: boolean;
  readonly cluster: TemplatedString | undefined;
  readonly service: TemplatedString | undefined;
  readonly taskDefinitionPath: TemplatedString | undefined;
  readonly serviceDefinitionPath: TemplatedString | undefined;
  /** Resolved (root-relative) path of the task definition, when it could be resolved. */
  readonly taskDefinition: TaskDefinition | undefined;
  /** CodeDeploy deployment controller, as far as the service definition says. */
  readonly usesCodeDeploy: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------
// Findings

export type Severity = 'error' | 'warn';

export interface RawFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly span: Span;
  readonly severity?: Severity;
  readonly fix?: Fix;
}

/** Replaces [start, end) of the finding's file text (offsets as in Span) with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How `--fix` repairs a finding: edits of the finding's file, known when the rule runs, or a fix
 *  that needs something from outside the repository first (see DeferredFix). */
export type Fix = readonly TextEdit[] | DeferredFix;

/** A fix whose edits depend on a lookup outside the repository, such as the commit a tag points
 *  to. Only `--fix` resolves it: a plain lint never uses the network. */
export interface DeferredFix {
  readonly resolve: (
    lookups: FixLookups,
  ) => Promise<readonly TextEdit[] | { readonly unfixable: string }>;
}

export interface FixLookups {
  /** The full commit SHA that `ref` of the GitHub repository `owner/repo` points to, or why not. */
  commitSha(
    repository: string,
    ref: string,
  ): Promise<{ readonly sha: string } | { readonly error: string }>;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly docs: string;
  readonly fixable: boolean;
}

export interface Report {
  readonly version: 1;
  readonly tool: {
    readonly name: 'doppio-lint';
    readonly version: string;
    readonly actionlint: string | null;
  };
  readonly findings: readonly Finding[];
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number };
}
