import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { bundledWasmDirectory, WASM_FILES } from '../src/wasm-files.js';

it('names the bundle directory only when every run-time file sits beside the module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doppio-wasm-'));
  const bundle = pathToFileURL(join(dir, 'index.js')).href;
  for (const name of WASM_FILES.slice(0, -1)) writeFileSync(join(dir, name), '');
  expect(bundledWasmDirectory(bundle)).toBeUndefined();
  writeFileSync(join(dir, WASM_FILES.at(-1)!), '');
  expect(bundledWasmDirectory(bundle)).toBe(dir);
});

it('finds nothing beside the sources, so the linter uses node_modules', () => {
  expect(
    bundledWasmDirectory(pathToFileURL(join(import.meta.dirname, '..', 'src', 'main.ts')).href),
  ).toBeUndefined();
});
