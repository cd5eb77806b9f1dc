// Bundles the action like tools/build-action.mjs does (src/index.ts → dist/index.js, everything
// inlined, deterministic), from the linter's sources, and copies beside the bundle the four files the
// linter loads at run time, which no bundle can inline: GitHub runs dist/ without node_modules.
// actionlint is not among them: the action downloads the runner's native one (src/actionlint.ts).
// dist/index.js tells the linter where they are through DOPPIO_LINT_WASM_DIR (src/wasm-files.ts).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ACTION_BUNDLE } from '../../tools/action-bundle.mjs';

const dist = join(import.meta.dirname, 'dist');
// Resolve each file as the linter itself does, from the linter's package.
const linter = createRequire(
  join(import.meta.dirname, 'node_modules', '@doppio-dev', 'doppio-lint', 'package.json'),
);
const webTreeSitterRoot = dirname(linter.resolve('web-tree-sitter'));
const linterRoot = join(import.meta.dirname, 'node_modules', '@doppio-dev', 'doppio-lint');

/** dist/ name → source. Names are what the linter looks for in DOPPIO_LINT_WASM_DIR. */
const RUNTIME_FILES = {
  // web-tree-sitter's runtime and the bash grammar for parsing `run:` scripts.
  'tree-sitter.wasm': join(webTreeSitterRoot, 'tree-sitter.wasm'),
  'tree-sitter-bash.wasm': linter.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
  // go-jsonnet compiled to WASM by the linter's build (from the Go module proxy), and the glue of
  // the Go toolchain that built it, for jsonnet configs and definitions.
  'jsonnet.wasm': join(linterRoot, 'dist', 'jsonnet.wasm'),
  'jsonnet-wasm_exec.cjs': join(linterRoot, 'dist', 'jsonnet-wasm_exec.cjs'),
};

// Start from nothing, so dist/ holds exactly the bundle and these files.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

await build({
  ...ACTION_BUNDLE,
  entryPoints: [join(import.meta.dirname, 'src', 'index.ts')],
  outfile: join(dist, 'index.js'),
  // The linter's `doppio-source` export condition is its src/: bundle the sources, never a
  // possibly stale build of them.
  conditions: ['doppio-source'],
});

for (const [name, source] of Object.entries(RUNTIME_FILES)) copyFileSync(source, join(dist, name));
