// actionlint's WASM build (GOOS=js, tools/actionlint/build.mjs) run as a command, as Go's own
// wasm_exec_node.js runs one: `node actionlint-wasm.cjs <dir> [actionlint's arguments…]`, where
// <dir> holds actionlint.wasm and Go's glue, wasm_exec.cjs. Files are read and written through
// Node's fs, relative to the working directory, as the native binary reads them.
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [dir, ...args] = process.argv.slice(2);
globalThis.require = require;
globalThis.fs = require('node:fs');
globalThis.path = require('node:path');
require(join(dir, 'wasm_exec.cjs'));

const go = new globalThis.Go();
go.argv = ['actionlint', ...args];
// Go's js/wasm port fits the arguments and the environment into 12 kB: give it none of ours.
go.env = {};
go.exit = (code) => process.exit(code);
WebAssembly.instantiate(readFileSync(join(dir, 'actionlint.wasm')), go.importObject)
  .then(({ instance }) => go.run(instance))
  .catch((error) => {
    process.stderr.write(`actionlint (WASM): ${error instanceof Error ? error.message : error}\n`);
    process.exit(3);
  });
