import { describe, expect, it } from 'vitest';
import { aggregate, parseNeeds } from '../src/conclusion.js';

const needs = (results: Record<string, string>): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(results).map(([job, result]) => [job, { result, outputs: {} }]),
    ),
  );

describe('aggregate', () => {
  it.each([
    [{ a: 'success', b: 'success' }, false, 'success'],
    [{ a: 'success', b: 'failure', c: 'cancelled' }, false, 'failure'],
    [{ a: 'success', b: 'cancelled' }, false, 'cancelled'],
    [{ a: 'success', b: 'skipped' }, false, 'success'],
    [{ a: 'success', b: 'skipped' }, true, 'failure'],
    [{ a: 'cancelled', b: 'skipped' }, true, 'failure'],
    [{}, false, 'success'],
  ])('%j (strict %s) → %s', (results, strict, conclusion) => {
    expect(aggregate(parseNeeds(needs(results)), strict).conclusion).toBe(conclusion);
  });

  it('lists failed, cancelled and skipped jobs in needs order', () => {
    const result = aggregate(
      parseNeeds(needs({ web: 'failure', api: 'cancelled', worker: 'skipped', batch: 'failure' })),
      false,
    );
    expect(result.failed).toEqual(['web', 'batch']);
    expect(result.cancelled).toEqual(['api']);
    expect(result.skipped).toEqual(['worker']);
  });
});

describe('parseNeeds', () => {
  it('refuses what is not toJSON(needs), saying what to pass', () => {
    expect(() => parseNeeds('success')).toThrow('pass `needs: ${{ toJSON(needs) }}`');
    expect(() => parseNeeds('"deploy"')).toThrow('must be the object');
    expect(() => parseNeeds('{"web": {"outputs": {}}}')).toThrow(
      'job `web` in `needs` has no result',
    );
    expect(() => parseNeeds('{"web": {"result": "green"}}')).toThrow(
      'job `web` in `needs` has no result (got "green";',
    );
  });
});
