// The linter loads four files at run time that no bundle can inline (web-tree-sitter's runtime, the
// bash grammar, go-jsonnet's WASM module and the glue of the Go toolchain that built it). GitHub
// runs dist/ without node_modules, so build.mjs copies them beside dist/index.js and the bundle
// tells the linter where they are through DOPPIO_LINT_WASM_DIR; run from sources (tests), they come from node_modules.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The names build.mjs gives the copies: the names the linter looks for in DOPPIO_LINT_WASM_DIR. */
export const WASM_FILES: readonly string[] = [
  'tree-sitter.wasm',
  'tree-sitter-bash.wasm',
  'jsonnet.wasm',
  'jsonnet-wasm_exec.cjs',
];

/** The directory of the module at `moduleUrl` when every file sits beside it (the bundle in dist/),
 *  otherwise undefined. */
export function bundledWasmDirectory(moduleUrl: string): string | undefined {
  const dir = dirname(fileURLToPath(moduleUrl));
  return WASM_FILES.every((name) => existsSync(join(dir, name))) ? dir : undefined;
}
