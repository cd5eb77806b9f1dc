import { expect, it } from 'vitest';
import { failureMessage } from '../src/verdict.js';

it.each([
  [{ errors: 1, warnings: 0 }, 'error', true],
  [{ errors: 0, warnings: 3 }, 'error', false],
  [{ errors: 0, warnings: 1 }, 'warning', true],
  [{ errors: 2, warnings: 0 }, 'warning', true],
  [{ errors: 0, warnings: 0 }, 'warning', false],
  [{ errors: 5, warnings: 5 }, 'never', false],
] as const)('%j with fail-on %s fails: %s', (counts, failOn, fails) => {
  expect(failureMessage(counts, failOn) !== undefined).toBe(fails);
});

it('the message gives the counts and the setting', () => {
  expect(failureMessage({ errors: 1, warnings: 2 }, 'error')).toBe(
    'doppio-lint found 1 error and 2 warnings (fail-on: error); see the annotations and the job summary',
  );
});
