import { describe, expect, it } from 'vitest';
import { blobBaseFromEnv, summaryMarkdown } from '../src/summary.js';
import { finding, report } from './support/findings.js';

describe('summaryMarkdown', () => {
  it('says so when there is nothing to report', () => {
    expect(summaryMarkdown(report([], 9), { annotated: 0 })).toBe(
      '## doppio-lint\n\n✅ **No problems** in 9 files — doppio-lint 1.2.3 with actionlint 1.7.7.\n',
    );
  });

  it('counts, then one row per finding with links to the rule docs and the line', () => {
    const text = summaryMarkdown(
      report([
        finding({ line: 3, endLine: 3 }),
        finding({
          severity: 'warn',
          ruleId: 'actionlint/expression',
          file: 'services/api/a b.yml',
          line: 7,
          endLine: 9,
          message: 'a | b\nc',
          docs: 'https://x/actionlint.md',
        }),
      ]),
      { annotated: 2, blobBase: 'https://github.com/o/r/blob/abc' },
    );
    expect(text.split('\n')).toEqual([
      '## doppio-lint',
      '',
      '❌ **1 error, 1 warning** in 4 files — doppio-lint 1.2.3 with actionlint 1.7.7.',
      '',
      '| | rule | where | message |',
      '| --- | --- | --- | --- |',
      '| ❌ error | [`pinned-actions`](https://github.com/doppio-dev/doppio/blob/main/docs/rules/pinned-actions.md) | [`.github/workflows/ci.yml:3`](https://github.com/o/r/blob/abc/.github/workflows/ci.yml#L3) | the action `actions/checkout` is referenced by `v4` |',
      '| ⚠️ warning | [`actionlint/expression`](https://x/actionlint.md) | [`services/api/a b.yml:7`](https://github.com/o/r/blob/abc/services/api/a%20b.yml#L7-L9) | a \\| b<br>c |',
      '',
    ]);
  });

  it('without a repository to link to, places are plain; warnings only get the warning sign', () => {
    const text = summaryMarkdown(
      {
        ...report([finding({ severity: 'warn' })]),
        tool: { name: 'doppio-lint', version: '1.2.3', actionlint: null },
      },
      { annotated: 1 },
    );
    expect(text).toContain(
      '⚠️ **0 errors, 1 warning** in 4 files — doppio-lint 1.2.3 (actionlint off).',
    );
    expect(text).toContain('| `.github/workflows/ci.yml:3` |');
  });

  it('says how many findings are annotated when GitHub’s limit left some out', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding({ line: i + 1, endLine: i + 1 }));
    expect(summaryMarkdown(report(findings), { annotated: 10 })).toContain(
      '10 of 12 findings are annotated on the files (GitHub shows at most 10 error and 10 warning annotations per step; `max-annotations` can lower that).',
    );
    expect(summaryMarkdown(report(findings.slice(0, 3)), { annotated: 3 })).not.toContain(
      'annotated',
    );
  });

  it('lists rows while they fit the budget and counts the rest', () => {
    const findings = Array.from({ length: 5 }, (_, i) => finding({ line: i + 1, endLine: i + 1 }));
    const rowBytes =
      Buffer.byteLength(
        summaryMarkdown(report(findings.slice(0, 1)), { annotated: 5 }).split('\n')[6]!,
      ) + 1;
    const text = summaryMarkdown(report(findings), { annotated: 5, tableBudget: rowBytes * 2 });
    expect(text.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(2);
    expect(text).toContain('3 more findings did not fit in the job summary');
  });
});

it('blobBaseFromEnv needs the server, repository and commit', () => {
  expect(
    blobBaseFromEnv({
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_SHA: 'abc',
    }),
  ).toBe('https://github.com/o/r/blob/abc');
  expect(
    blobBaseFromEnv({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r' }),
  ).toBeUndefined();
});
