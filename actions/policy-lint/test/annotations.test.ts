import { describe, expect, it } from 'vitest';
import { annotation, selectAnnotations } from '../src/annotations.js';
import { finding } from './support/findings.js';

const errors = (n: number) => Array.from({ length: n }, (_, i) => finding({ severity: 'error', line: 100 + i, endLine: 100 + i }));
const warnings = (n: number) => Array.from({ length: n }, (_, i) => finding({ severity: 'warn', ruleId: 'unused-suppression', line: 200 + i, endLine: 200 + i }));

describe('selectAnnotations', () => {
  it('stops at GitHub’s 10 errors and 10 warnings per step', () => {
    const chosen = selectAnnotations([...errors(14), ...warnings(12)], 50);
    expect(chosen.filter((a) => a.kind === 'error').map((a) => a.properties.startLine)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(chosen.filter((a) => a.kind === 'warning')).toHaveLength(10);
  });

  it('gives errors the budget first, and keeps report order', () => {
    const mixed = [...warnings(3), ...errors(4)];
    const chosen = selectAnnotations(mixed, 5);
    expect(chosen.map((a) => `${a.kind}:${a.properties.startLine}`)).toEqual(['warning:200', 'error:100', 'error:101', 'error:102', 'error:103']);
    expect(selectAnnotations(mixed, 2).map((a) => a.kind)).toEqual(['error', 'error']);
    expect(selectAnnotations(mixed, 0)).toEqual([]);
  });
});

it('an annotation carries the rule as title and the finding’s place', () => {
  expect(annotation(finding({ severity: 'warn', ruleId: 'aws-oidc', message: 'use OIDC' }))).toEqual({
    kind: 'warning',
    message: 'use OIDC',
    properties: { title: 'aws-oidc', file: '.github/workflows/ci.yml', startLine: 3, endLine: 3, startColumn: 9, endColumn: 31 },
  });
});

it('a span over several lines has no columns (GitHub takes columns only on one line)', () => {
  expect(annotation(finding({ line: 3, endLine: 5 })).properties).toEqual({ title: 'pinned-actions', file: '.github/workflows/ci.yml', startLine: 3, endLine: 5 });
});
