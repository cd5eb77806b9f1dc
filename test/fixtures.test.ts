// Fixture repositories: each folder under fixtures/<rule>/<case>/ is a small service repository;
// `expected.json` beside its files lists exactly the findings doppio-lint must report for it
// (rule, file, line, severity), and a `good` case expects none. Adding a case is adding a folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import { describe, expect, it } from 'vitest';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface Expected {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly severity: 'error' | 'warn';
}

const cases = readdirSync(FIXTURES).flatMap((rule) =>
  readdirSync(join(FIXTURES, rule)).map((name) => ({ rule, name, dir: join(FIXTURES, rule, name) })),
);

describe.each(cases)('$rule/$name', ({ dir }) => {
  it('reports exactly the expected findings', async () => {
    const expectedPath = join(dir, 'expected.json');
    const expected: Expected[] = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : [];
    const report = await lint({ paths: [dir], cwd: dir, actionlint: false });
    const actual = report.findings.map(({ ruleId, file, line, severity }) => ({ ruleId, file, line, severity }));
    expect(actual).toEqual(expected);
  });
});
