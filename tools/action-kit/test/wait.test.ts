import { expect, it } from 'vitest';
import { parseWait } from '../src/wait.js';

it('parseWait reads s, m and h, and names the input it refuses', () => {
  expect([parseWait('90s'), parseWait('10m'), parseWait('2h')]).toEqual([90, 600, 7200]);
  expect(() => parseWait('0m')).toThrow(
    "wait-timeout must be a number with a unit s, m or h (e.g. 10m), got '0m'",
  );
  expect(() => parseWait('10', 'timeout')).toThrow(
    "timeout must be a number with a unit s, m or h (e.g. 10m), got '10'",
  );
});
