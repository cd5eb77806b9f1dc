// main() with the real @actions/core and the linter's sources: inputs in; annotations, outputs,
// the job summary and the SARIF file read back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionDefaults, runAction, type ActionRun } from '@doppio-dev/action-testing';
import { describe, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { EXAMPLE_SERVICE, workflowWith, writeRepo } from './support/repos.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));

/** Runs the action on `workspace` as the runner would; actionlint off unless asked (speed). */
function lintRepo(workspace: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const env = {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: writeRepo({}),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_SHA: 'c0ffee',
  };
  return runAction(run, { ...defaults, actionlint: 'false', ...inputs }, env);
}

const annotations = (log: string, kind: 'error' | 'warning') =>
  log.split('\n').filter((l) => l.startsWith(`::${kind} title=`));
const tableRows = (summary: string) => summary.split('\n').filter((l) => /^\| (❌|⚠️)/.test(l));
const sarifOf = (result: ActionRun) =>
  JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as {
    version: string;
    runs: {
      results: {
        ruleId: string;
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
    }[];
  };

it('lints the example service clean, actionlint included: zero counts, a SARIF file in RUNNER_TEMP, a summary', async () => {
  const result = await lintRepo(EXAMPLE_SERVICE, { actionlint: 'true' });
  expect(result.failed).toBe(false);
  expect(result.outputs['errors']).toBe('0');
  expect(result.outputs['warnings']).toBe('0');
  expect(result.outputs['sarif-file']).toMatch(/doppio-policy-lint-[^/]+\/doppio-lint\.sarif$/);
  const sarif = sarifOf(result);
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0]!.results).toEqual([]);
  expect(result.summary).toMatch(
    /✅ \*\*No problems\*\* in \d+ files — doppio-lint \S+ with actionlint \d+\.\d+\.\d+\./,
  );
  expect(result.log).not.toMatch(/^::(error|warning)/m);
});

describe('annotations', () => {
  const repo = writeRepo({ '.github/workflows/ci.yml': workflowWith(14, 12) });

  it('stop at 10 errors and 10 warnings; the summary lists all 26 findings and says so', async () => {
    const result = await lintRepo(repo);
    expect(annotations(result.log, 'error')).toHaveLength(10);
    expect(annotations(result.log, 'warning')).toHaveLength(10);
    expect(annotations(result.log, 'error')[0]).toBe(
      '::error title=pinned-actions,file=.github/workflows/ci.yml,line=11,endLine=11,col=32,endColumn=34::the action `actions/checkout` is referenced by `v1`; pin it to a full 40-character commit SHA (keep the version in a comment: `@<sha> # v1`)',
    );
    expect(annotations(result.log, 'warning')[0]).toMatch(
      /^::warning title=unused-suppression,file=\.github\/workflows\/ci\.yml,line=25,endLine=25,col=7,endColumn=\d+::/,
    );
    expect(tableRows(result.summary)).toHaveLength(26);
    expect(result.summary).toContain('❌ **14 errors, 12 warnings** in 1 file');
    expect(result.summary).toContain(
      '[`.github/workflows/ci.yml:24`](https://github.com/acme/web/blob/c0ffee/.github/workflows/ci.yml#L24)',
    );
    expect(result.summary).toContain('20 of 26 findings are annotated on the files');
    expect(result.outputs).toMatchObject({ errors: '14', warnings: '12' });
    expect(sarifOf(result).runs[0]!.results).toHaveLength(26);
  });

  it('max-annotations lowers the total, errors first; 0 turns them off', async () => {
    const three = await lintRepo(repo, { 'max-annotations': '3' });
    expect(annotations(three.log, 'error')).toHaveLength(3);
    expect(annotations(three.log, 'warning')).toHaveLength(0);
    expect(three.summary).toContain('3 of 26 findings are annotated');
    const none = await lintRepo(repo, { 'max-annotations': '0' });
    expect(none.log).not.toMatch(/^::(error|warning) title=/m);
    expect(tableRows(none.summary)).toHaveLength(26);
  });
});

describe('fail-on', () => {
  const errorsOnly = writeRepo({ '.github/workflows/ci.yml': workflowWith(2, 0) });
  const warningsOnly = writeRepo({ '.github/workflows/ci.yml': workflowWith(0, 2) });

  it('error (the default) fails on errors, not on warnings alone', async () => {
    const failing = await lintRepo(errorsOnly);
    expect(failing.failed).toBe(true);
    expect(failing.log).toContain(
      '::error::doppio-lint found 2 errors and 0 warnings (fail-on: error)',
    );
    const passing = await lintRepo(warningsOnly);
    expect(passing.failed).toBe(false);
    expect(passing.outputs['warnings']).toBe('2');
  });

  it('warning fails on warnings too; never only reports', async () => {
    expect((await lintRepo(warningsOnly, { 'fail-on': 'warning' })).failed).toBe(true);
    const never = await lintRepo(errorsOnly, { 'fail-on': 'never' });
    expect(never.failed).toBe(false);
    expect(never.outputs['errors']).toBe('2');
    expect(annotations(never.log, 'error')).toHaveLength(2);
  });
});

it('rules override the severities', async () => {
  const repo = writeRepo({ '.github/workflows/ci.yml': workflowWith(3, 0) });
  const off = await lintRepo(repo, { rules: 'pinned-actions=off' });
  expect(off.failed).toBe(false);
  expect(off.outputs).toMatchObject({ errors: '0', warnings: '0' });
  const warn = await lintRepo(repo, { rules: 'image-tag-sha=error\npinned-actions=warn\n' });
  expect(warn.failed).toBe(false);
  expect(warn.outputs).toMatchObject({ errors: '0', warnings: '3' });
  expect(annotations(warn.log, 'warning')).toHaveLength(3);
});

it('a repository in a subdirectory: files relative to the workspace in annotations, summary and SARIF', async () => {
  const workspace = writeRepo({ 'services/api/.github/workflows/ci.yml': workflowWith(1, 0) });
  const result = await lintRepo(workspace, {
    path: 'services/api',
    'sarif-file': 'reports/lint.sarif',
  });
  expect(annotations(result.log, 'error')[0]).toContain(
    'file=services/api/.github/workflows/ci.yml,line=11,',
  );
  expect(result.summary).toContain(
    '[`services/api/.github/workflows/ci.yml:11`](https://github.com/acme/web/blob/c0ffee/services/api/.github/workflows/ci.yml#L11)',
  );
  expect(result.outputs['sarif-file']).toBe(join(workspace, 'reports', 'lint.sarif'));
  expect(
    sarifOf(result).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri,
  ).toBe('services/api/.github/workflows/ci.yml');
});

describe('a step that cannot lint fails with the reason, no stack, no outputs', () => {
  it('a bad config file: the linter’s messages', async () => {
    const repo = writeRepo({
      '.doppio.yml': 'rules:\n  pinned-actions: loud\nnope: 1\n',
      '.github/workflows/ci.yml': workflowWith(0, 0),
    });
    const result = await lintRepo(repo);
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '::error::doppio-lint: .doppio.yml:3:1: unknown key `nope` in the configuration: the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`%0A.doppio.yml:2:19: `rules.pinned-actions` must be one of `off`, `warn`, `error`, or a mapping with the keys `severity`, `allowed-owners` (got `loud`)',
    );
    expect(result.log).not.toMatch(/\n\s+at /);
    expect(result.outputs).toEqual({});
    expect(result.summary).toBe('');
  });

  it.each([
    [{ config: 'missing.yml' }, '::error::doppio-lint: missing.yml: cannot read the config file'],
    [{ path: 'no/such/dir' }, '::error::doppio-lint: no/such/dir: no such file or directory'],
    [
      { rules: 'pinned-actions=loud' },
      '::error::doppio-lint: the `rules` input takes `rule-id=off|warn|error` (got `pinned-actions=loud`)',
    ],
    [
      { rules: 'no-such-rule=off' },
      '::error::doppio-lint: the `rules` input names an unknown rule `no-such-rule`',
    ],
    [
      { 'fail-on': 'sometimes' },
      '::error::doppio-lint: the `fail-on` input must be one of error, warning, never',
    ],
    [
      { 'max-annotations': 'many' },
      '::error::doppio-lint: the `max-annotations` input takes a whole number',
    ],
  ])('%j', async (inputs, message) => {
    const result = await lintRepo(
      writeRepo({ '.github/workflows/ci.yml': workflowWith(1, 0) }),
      inputs,
    );
    expect(result.failed).toBe(true);
    expect(result.log).toContain(message);
    expect(result.outputs).toEqual({});
  });
});
