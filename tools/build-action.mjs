// Bundles one action (run from its folder): src/index.ts → dist/index.js, as every action is bundled
// (action-bundle.mjs).
import { build } from 'esbuild';
import { ACTION_BUNDLE } from './action-bundle.mjs';

await build({ ...ACTION_BUNDLE, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
