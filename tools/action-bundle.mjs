// How every action is bundled (tools/build-action.mjs, actions/policy-lint/build.mjs): one ES module
// with everything inlined, as GitHub runs it (no node_modules on the runner), deterministic, so a
// check can compare a fresh build with the committed dist/.
//
// lazyUndici, an esbuild plugin: @actions/http-client (under @actions/core) imports
// undici's ProxyAgent, which it uses only to reach an HTTP proxy. Bundled as written, all of undici
// — 415 KB of the 428 KB a small action bundles — is evaluated before the action's first line, on
// every step (about 70 ms here; `pnpm bench` prints each action's start). This hands http-client a
// ProxyAgent that loads undici when the first one is made. esbuild has no option for deferring a
// module, hence these few lines; a newer http-client that imports more of undici fails the build
// ("No matching export"), never the action.
const HTTP_CLIENT = /[\\/]@actions[\\/]http-client[\\/]lib[\\/]index\.js$/;

/** @type {import('esbuild').Plugin} */
export const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      HTTP_CLIENT.test(args.importer) && args.kind === 'import-statement'
        ? { path: args.importer, namespace: 'lazy-undici' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-undici' }, (args) => ({
      // Resolved from http-client's own folder, so it is the undici that http-client depends on.
      resolveDir: args.path.replace(/[\\/]lib[\\/]index\.js$/, ''),
      // `new ProxyAgent(...)` returns the object this function returns: a real undici ProxyAgent.
      contents:
        "export function ProxyAgent(...args) {\n  const { ProxyAgent: Real } = require('undici');\n  return new Real(...args);\n}\n",
      loader: 'js',
    }));
  },
};

/** esbuild options shared by the actions' builds; each adds its entry point and output file. */
export const ACTION_BUNDLE = {
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
};
