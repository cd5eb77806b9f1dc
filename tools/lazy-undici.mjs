// An esbuild plugin for the actions' bundles: @actions/http-client (under @actions/core) imports
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
