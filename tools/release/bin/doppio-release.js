#!/usr/bin/env node
// Runs the TypeScript sources through tsx: a release tool, run from this repository only.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
