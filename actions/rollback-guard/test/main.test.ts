// main() with the real @actions/core: inputs in, outputs and annotations read back.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));

it('rolls back while the service runs the revision to undo', async () => {
  const result = await runAction(run, {
    ...defaults,
    running: 'web:42',
    'undo-task-definition': 'web:42',
    'undo-still-runs': 'true',
  });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ mode: 'ecspresso', 'skipped-reason': '' });
  expect(result.log).not.toContain('::warning');
});

it('an empty mode and a warning when the service was already rolled back', async () => {
  const result = await runAction(run, {
    ...defaults,
    running: 'web:41',
    'undo-task-definition': 'web:42',
    'undo-still-runs': 'false',
  });
  expect(result.failed).toBe(false);
  expect(result.outputs['mode']).toBe('');
  expect(result.outputs['skipped-reason']).toContain('already rolled back');
  expect(result.log).toContain('::warning::the service runs web:41, not web:42');
});

it('a known-good target the service already runs: a notice, nothing to do', async () => {
  const result = await runAction(run, {
    ...defaults,
    running: 'web:40',
    'to-task-definition': 'web:40',
  });
  expect(result.outputs['mode']).toBe('');
  expect(result.log).toContain('::notice::the service already runs web:40');
});

it('warns that the guard is off without a revision to undo', async () => {
  const result = await runAction(run, {
    ...defaults,
    running: 'web:42',
    'to-task-definition': 'web:40',
  });
  expect(result.outputs['mode']).toBe('to-task-definition');
  expect(result.log).toContain('::warning::undo-task-definition is not set');
});

it('fails, naming what to pass, when undo-still-runs is missing', async () => {
  const result = await runAction(run, {
    ...defaults,
    running: 'web:42',
    'undo-task-definition': 'web:42',
  });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    "::error::undo-still-runs must be `true` or `false` when undo-task-definition is set (got ''): pass service-state's `matches-expected` output",
  );
  expect(result.outputs).toEqual({});
});
