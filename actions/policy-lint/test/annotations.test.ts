import { describe, expect, it } from 'vitest';
import { selectAnnotations } from '../src/annotations.js';
import { finding } from './support/findings.js';

const errors = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    finding({ severity: 'error', line: 100 + i, endLine: 100 + i }),
  );
const warnings = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    finding({ severity: 'warn', ruleId: 'unused-suppression', line: 200 + i, endLine: 200 + i }),
  );

describe('selectAnnotations', () => {
  it('stops at GitHub’s 10 errors and 10 warnings per step', () => {
    const chosen = selectAnnotations([...errors(14), ...warnings(12)], 50);
    expect(chosen.filter((a) => a.kind === 'error').map((a) => a.properties.startLine)).toEqual([
      100, 101, 102, 103, 104, 105, 106, 107, 108, 109,
    ]);
    expect(chosen.filter((a) => a.kind === 'warning')).toHaveLength(10);
  });

  it('gives errors the budget first, and keeps report order', () => {
    const mixed = [...warnings(3), ...errors(4)];
    const chosen = selectAnnotations(mixed, 5);
    expect(chosen.map((a) => `${a.kind}:${a.properties.startLine}`)).toEqual([
      'warning:200',
      'error:100',
      'error:101',
      'error:102',
      'error:103',
    ]);
    expect(selectAnnotations(mixed, 2).map((a) => a.kind)).toEqual(['error', 'error']);
    expect(selectAnnotations(mixed, 0)).toEqual([]);
  });
});
