// The harness's own logic: reading act's JSON log, and the continuation that runs what act v0.2.87
// leaves out after a failed reusable-workflow job.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseActLog } from './harness/act.js';
import { callerResults, CONTINUATION_WORKFLOW, writeContinuation } from './harness/continuation.js';
import { localRepositories, remoteUses } from './harness/stand-ins.js';

const line = (entry: Record<string, unknown>): string => JSON.stringify(entry);

describe('parseActLog', () => {
  it('reads job and step results, step outputs, summaries and the printed lines', () => {
    const text = [
      'time="…" level=warning msg="not JSON"',
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: '⭐ Run Main Deploy',
        stage: 'Main',
        time: '2026-12-06T02:00:00Z',
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: 'IMAGE_TAG=abc ecspresso deploy\n',
        raw_output: true,
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: '  ✅  Success - Main Deploy',
        stage: 'Main',
        step: 'Deploy',
        stepResult: 'success',
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: '  ⚙  ::set-output:: revision=2',
        command: 'set-output',
        name: 'revision',
        arg: '2',
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: 'Summary',
        command: 'summary',
        content: '### deployed\n',
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: '🏁  Job succeeded',
        jobResult: 'success',
        time: '2026-12-06T02:00:09.5Z',
      }),
      line({
        job: 'deploy-1/deploy-ecspresso/deploy',
        msg: '  ✅  Success - Post x',
        stage: 'Post',
        step: 'x',
        stepResult: 'success',
      }),
    ].join('\n');
    const run = parseActLog(text, 0);
    expect([...run.jobs]).toEqual([['deploy-1/deploy-ecspresso/deploy', 'success']]);
    expect(run.steps).toEqual([
      { job: 'deploy-1/deploy-ecspresso/deploy', step: 'Deploy', result: 'success' },
    ]);
    expect(run.timings.get('deploy-1/deploy-ecspresso/deploy')).toEqual({
      start: Date.parse('2026-12-06T02:00:00Z'),
      end: Date.parse('2026-12-06T02:00:09.5Z'),
    });
    expect(run.outputs).toEqual([
      { job: 'deploy-1/deploy-ecspresso/deploy', name: 'revision', value: '2' },
    ]);
    expect(run.summaries).toEqual([
      { job: 'deploy-1/deploy-ecspresso/deploy', content: '### deployed\n' },
    ]);
    expect(run.log).toContain('time="…" level=warning msg="not JSON"');
    expect(run.log).toContain('\nIMAGE_TAG=abc ecspresso deploy\n');
  });
});

describe('continuation', () => {
  const caller = {
    name: 'staging',
    on: { push: { branches: ['main'] } },
    permissions: {},
    jobs: {
      build: { uses: 'doppio-dev/doppio/.github/workflows/build-push.yml@main' },
      deploy: {
        needs: 'build',
        strategy: { matrix: { service: ['web', 'api'] } },
        uses: 'doppio-dev/doppio/.github/workflows/deploy-ecspresso.yml@main',
      },
      notify: {
        needs: ['build', 'deploy'],
        if: 'always()',
        uses: 'doppio-dev/doppio/.github/workflows/notify-conclusion.yml@main',
        with: { needs: '${{ toJSON(needs) }}' },
      },
      record: {
        needs: ['build', 'deploy', 'notify'],
        if: 'always()',
        'runs-on': 'ubuntu-latest',
        steps: [{ env: { NEEDS: '${{ toJSON(needs) }}' }, run: 'true' }],
      },
    },
  };

  it('combines the results of matrix legs by caller job id, as GitHub does', () => {
    const jobs = new Map([
      ['build/build-push/build service', 'success'],
      ['deploy-1/deploy-ecspresso/deploy web', 'success'],
      ['deploy-2/deploy-ecspresso/deploy api', 'failure'],
    ]);
    expect([...callerResults(jobs, Object.keys(caller.jobs))]).toEqual([
      ['build', 'success'],
      ['deploy', 'failure'],
    ]);
  });

  it('writes the jobs act left out, given the needs of those that ran, and keeps needs among themselves', () => {
    const repo = mkdtempSync(join(tmpdir(), 'continuation-'));
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, '.github', 'workflows', 'staging.yml'), JSON.stringify(caller));
    const continuation = writeContinuation(
      repo,
      'staging.yml',
      new Map([
        ['build/build-push/build', 'success'],
        ['deploy/deploy-ecspresso/deploy', 'failure'],
      ]),
    );
    expect(continuation?.needs).toEqual({
      build: { result: 'success', outputs: {} },
      deploy: { result: 'failure', outputs: {} },
    });
    expect(JSON.parse(continuation!.vars['E2E_NEEDS']!)).toEqual(continuation!.needs);
    const written = parse(
      readFileSync(join(repo, '.github', 'workflows', CONTINUATION_WORKFLOW), 'utf8'),
    ) as typeof caller;
    expect(written.on).toEqual(caller.on);
    expect(Object.keys(written.jobs)).toEqual(['notify', 'record']);
    expect(written.jobs.notify).toEqual({
      if: 'always()',
      uses: caller.jobs.notify.uses,
      with: { needs: '${{ vars.E2E_NEEDS }}' },
    });
    expect(written.jobs.record.needs).toEqual(['notify']);
    expect(written.jobs.record.steps[0]!.env.NEEDS).toBe('${{ toJSON(needs) }}');
  });

  it('writes nothing when every job ran', () => {
    const repo = mkdtempSync(join(tmpdir(), 'continuation-'));
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(repo, '.github', 'workflows', 'staging.yml'),
      JSON.stringify({ on: 'push', jobs: { build: {} } }),
    );
    expect(writeContinuation(repo, 'staging.yml', new Map([['build', 'success']]))).toBeUndefined();
  });
});

describe('stand-ins', () => {
  it('replace every third-party action the reusable workflows use, at the exact ref they pin', () => {
    const thirdParty = [...remoteUses()].filter((use) => !use.startsWith('doppio-dev/doppio@'));
    expect(thirdParty.length).toBeGreaterThan(0);
    const mapped = localRepositories('/doppio');
    expect(mapped[0]).toBe('doppio-dev/doppio@main=/doppio');
    for (const use of thirdParty)
      expect(
        mapped.some((m) => m.startsWith(`${use}=`) && m.includes('/test/e2e/stand-ins/')),
      ).toBe(true);
  });
});
