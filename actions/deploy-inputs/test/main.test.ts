// main() with the real @actions/core, in a temporary checkout: inputs in, outputs and annotations back.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const SHA = 'b'.repeat(40);
const cwd = process.cwd();

beforeEach(() => {
  const checkout = mkdtempSync(join(tmpdir(), 'doppio-deploy-inputs-'));
  mkdirSync(join(checkout, '.ecspresso', 'production'), { recursive: true });
  writeFileSync(join(checkout, '.ecspresso', 'production', 'web.yaml'), 'region: ap-northeast-1\n');
  process.chdir(checkout);
});
afterEach(() => process.chdir(cwd));

it('sets the values the deploy uses', async () => {
  const result = await runAction(run, {
    ...defaults,
    'default-tag': SHA,
    config: '.ecspresso/production/web.yaml',
    wait: 'deployed',
  });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({
    'image-tag': SHA,
    'wait-flag': '--wait-until=deployed',
    'config-path': '.ecspresso/production/web.yaml',
    'compare-config-path': '',
  });
});

it('a bad input fails the step with one titled error and no outputs', async () => {
  const result = await runAction(run, {
    ...defaults,
    'default-tag': SHA,
    'image-tag': 'main',
    config: '.ecspresso/production/web.yaml',
  });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    "::error title=Invalid input::image-tag 'main' is not a full 40-hex commit SHA.",
  );
  expect(result.log.match(/::error/g)).toHaveLength(1);
  expect(result.outputs).toEqual({});
});

it('a missing config is named', async () => {
  const result = await runAction(run, {
    ...defaults,
    'default-tag': SHA,
    config: '.ecspresso/production/api.yaml',
  });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error title=Invalid input::the ecspresso config .ecspresso/production/api.yaml does not exist in the checkout.',
  );
});
