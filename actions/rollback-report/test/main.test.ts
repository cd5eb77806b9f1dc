// main() with the real @actions/core: inputs in, outputs and summary read back from the files.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const TD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web';

it('sets every output and writes the summary', async () => {
  const result = await runAction(run, {
    ...defaults,
    environment: 'production',
    mode: 'ecspresso',
    'ecspresso-outcome': 'success',
    cluster: 'prod',
    service: 'web',
    before: `${TD}:42`,
    after: `${TD}:41`,
  });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({
    'rolled-back': 'true',
    'from-task-definition': `${TD}:42`,
    'to-task-definition': `${TD}:41`,
    deregistered: `${TD}:42`,
    'skipped-reason': '',
    outcome: 'rolled back',
  });
  expect(result.summary).toContain('### Rollback: web (production)');
  expect(result.summary).toContain('✅ Rolled back');
});

it('fails, naming what to pass, on a mode rollback-guard never gives', async () => {
  const result = await runAction(run, { ...defaults, mode: 'force' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    "::error::mode must be rollback-guard's `mode` output (`ecspresso`, `to-task-definition` or empty), got 'force'",
  );
  expect(result.outputs).toEqual({});
});
