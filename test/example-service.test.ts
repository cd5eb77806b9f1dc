// The bundled example service follows the flow: it must lint clean, actionlint included — it is
// what the README's first command runs.
import { join } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import { expect, it } from 'vitest';

const EXAMPLE = join(import.meta.dirname, '..', 'workflows', 'example-service');

it('lints workflows/example-service clean, with actionlint', async () => {
  const report = await lint({ paths: [EXAMPLE], cwd: EXAMPLE, actionlint: 'auto' });
  expect(report.findings).toEqual([]);
  expect(report.summary.files).toBeGreaterThanOrEqual(9);
  expect(report.tool.actionlint).toMatch(/^\d+\.\d+\.\d+$/);
});
