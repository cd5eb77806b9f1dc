import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebaseReport, sarifFilePath, workspacePrefix } from '../src/paths.js';
import { finding, report } from './support/findings.js';
import { writeRepo } from './support/repos.js';

describe('workspacePrefix', () => {
  const workspace = writeRepo({
    'services/api/.github/workflows/ci.yml': 'on: push\n',
    'README.md': '',
  });

  it('is the subdirectory linted, with a slash', () => {
    expect(workspacePrefix(workspace, 'services/api')).toBe('services/api/');
    expect(workspacePrefix(workspace, './services/api/')).toBe('services/api/');
    expect(workspacePrefix(workspace, join(workspace, 'services'))).toBe('services/');
  });

  it('is empty for the workspace itself, a file, a directory outside it, or no such path', () => {
    expect(workspacePrefix(workspace, '.')).toBe('');
    expect(workspacePrefix(workspace, 'README.md')).toBe('');
    expect(workspacePrefix(join(workspace, 'services'), '..')).toBe('');
    expect(workspacePrefix(workspace, 'missing')).toBe('');
  });
});

it('rebaseReport prefixes every finding’s file and nothing else', () => {
  const original = report([
    finding({ file: '.github/workflows/a.yml' }),
    finding({ file: '.ecspresso/config.yaml' }),
  ]);
  const rebased = rebaseReport(original, 'services/api/');
  expect(rebased.findings.map((f) => f.file)).toEqual([
    'services/api/.github/workflows/a.yml',
    'services/api/.ecspresso/config.yaml',
  ]);
  expect({ ...rebased, findings: [] }).toEqual({ ...original, findings: [] });
  expect(rebaseReport(original, '')).toBe(original);
});

it('sarifFilePath: the input against the workspace, else RUNNER_TEMP, else the workspace', () => {
  expect(sarifFilePath('out/lint.sarif', '/w', '/t')).toBe('/w/out/lint.sarif');
  expect(sarifFilePath('/abs/lint.sarif', '/w', '/t')).toBe('/abs/lint.sarif');
  expect(sarifFilePath('', '/w', '/t')).toBe('/t/doppio-lint.sarif');
  expect(sarifFilePath('', '/w', undefined)).toBe('/w/doppio-lint.sarif');
});
