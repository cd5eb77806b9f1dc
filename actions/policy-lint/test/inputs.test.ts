import { expect, it } from 'vitest';
import { parseFailOn, parseMaxAnnotations } from '../src/inputs.js';

it('parseFailOn takes error, warning or never', () => {
  expect(parseFailOn('error')).toBe('error');
  expect(parseFailOn(' warning ')).toBe('warning');
  expect(parseFailOn('never')).toBe('never');
  expect(() => parseFailOn('warn')).toThrow('must be one of error, warning, never (got `warn`)');
});

it('parseMaxAnnotations takes a whole number ≥ 0', () => {
  expect(parseMaxAnnotations('50')).toBe(50);
  expect(parseMaxAnnotations('0')).toBe(0);
  for (const bad of ['', '-1', '2.5', 'ten'])
    expect(() => parseMaxAnnotations(bad)).toThrow('whole number ≥ 0');
});
