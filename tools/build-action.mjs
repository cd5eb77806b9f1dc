// Bundles one action (run from its folder): src/index.ts → dist/index.js, everything inlined, as
// GitHub runs it (no node_modules on the runner). Deterministic output, so a check can compare a
// fresh build with the committed dist/.
import { build } from 'esbuild';
import { lazyUndici } from './lazy-undici.mjs';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM bundles that inline CommonJS dependencies need a require of their own.
  banner: {
    js: "import { createRequire as __doppioCreateRequire } from 'node:module';\nconst require = __doppioCreateRequire(import.meta.url);",
  },
  plugins: [lazyUndici],
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
