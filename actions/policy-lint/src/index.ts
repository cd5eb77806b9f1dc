import { setFlagsFromString } from 'node:v8';
import { run } from './main.js';

// As the CLI does (tools/policy-lint/bin/doppio-lint.js, figures in docs/performance.md): WASM is
// compiled with V8's baseline compiler only, and the young generation does not grow. Set before
// run() loads any WASM.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--semi-space-growth-factor=1');
await run();
