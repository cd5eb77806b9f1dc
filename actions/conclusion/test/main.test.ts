// main() with the real @actions/core: inputs in, outputs and summary read back from the files.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));

it('sets every output and writes the table to the job summary', async () => {
  const needs = JSON.stringify({
    web: { result: 'success', outputs: {} },
    api: { result: 'failure', outputs: {} },
    worker: { result: 'skipped', outputs: {} },
  });
  const result = await runAction(run, { ...defaults, needs });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({
    conclusion: 'failure',
    'failed-jobs': '["api"]',
    'cancelled-jobs': '[]',
    'skipped-jobs': '["worker"]',
    table: expect.stringContaining('| `api` | ❌ failure |'),
  });
  expect(result.summary).toContain('**Conclusion: failure**');
});

it('strict counts a skipped job as a failure; summary can be turned off', async () => {
  const needs = JSON.stringify({
    web: { result: 'success', outputs: {} },
    worker: { result: 'skipped', outputs: {} },
  });
  const result = await runAction(run, { ...defaults, needs, strict: 'true', summary: 'false' });
  expect(result.outputs['conclusion']).toBe('failure');
  expect(result.summary).toBe('');
});

it('fails the step with the reason on bad input', async () => {
  const result = await runAction(run, { ...defaults, needs: 'not json' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::the `needs` input is not JSON');
  expect(result.outputs).toEqual({});
});
