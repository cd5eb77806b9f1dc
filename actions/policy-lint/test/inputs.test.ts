import { describe, expect, it } from 'vitest';
import { parseFailOn, parseMaxAnnotations, parseRuleOverrides } from '../src/inputs.js';

const KNOWN = new Set(['pinned-actions', 'image-tag-sha']);

describe('parseRuleOverrides', () => {
  it('reads one id=severity per line or comma-separated, blank entries skipped', () => {
    expect(parseRuleOverrides('pinned-actions=warn\n\n image-tag-sha = off ,actionlint/expression=error\n', KNOWN)).toEqual(
      new Map([
        ['pinned-actions', 'warn'],
        ['image-tag-sha', 'off'],
        ['actionlint/expression', 'error'],
      ]),
    );
    expect(parseRuleOverrides('', KNOWN)).toEqual(new Map());
  });

  it('refuses other severities and unknown rules, saying what to write', () => {
    expect(() => parseRuleOverrides('pinned-actions=warning', KNOWN)).toThrow('one `rule-id=off|warn|error` per line (got `pinned-actions=warning`)');
    expect(() => parseRuleOverrides('pinned-actions', KNOWN)).toThrow('(got `pinned-actions`)');
    expect(() => parseRuleOverrides('no-such-rule=off', KNOWN)).toThrow('unknown rule `no-such-rule` (known: image-tag-sha, pinned-actions, actionlint/<kind>)');
  });
});

it('parseFailOn takes error, warning or never', () => {
  expect(parseFailOn('error')).toBe('error');
  expect(parseFailOn(' warning ')).toBe('warning');
  expect(parseFailOn('never')).toBe('never');
  expect(() => parseFailOn('warn')).toThrow('must be one of error, warning, never (got `warn`)');
});

it('parseMaxAnnotations takes a whole number ≥ 0', () => {
  expect(parseMaxAnnotations('50')).toBe(50);
  expect(parseMaxAnnotations('0')).toBe(0);
  for (const bad of ['', '-1', '2.5', 'ten']) expect(() => parseMaxAnnotations(bad)).toThrow('whole number ≥ 0');
});
