// main() with the real @actions/core; the upload goes to a stand-in client that keeps the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { describe, expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const TD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition';
const env = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'example/service',
  GITHUB_RUN_ID: '7',
  GITHUB_RUN_ATTEMPT: '2',
};

function uploader(fail = false) {
  const uploads: {
    name: string;
    files: string[];
    text: string;
    retentionDays: number | undefined;
  }[] = [];
  return {
    uploads,
    uploadArtifact: async (
      name: string,
      files: string[],
      _root: string,
      options?: { retentionDays?: number },
    ) => {
      if (fail) throw new Error('artifact service unavailable');
      uploads.push({
        name,
        files,
        text: readFileSync(files[0]!, 'utf8'),
        retentionDays: options?.retentionDays,
      });
      return { id: 1 };
    },
  };
}

describe('deploy-record', () => {
  it('uploads the record of a deploy as doppio-record-<kind>-<environment>-<config>-<attempt>', async () => {
    const client = uploader();
    const inputs = {
      ...defaults,
      kind: 'deploy',
      environment: 'staging',
      config: '.ecspresso/staging/web.yaml',
      cluster: 'staging',
      service: 'web',
      'step-outcome': 'failure',
      job: JSON.stringify({ status: 'failure', check_run_id: 4242 }),
      before: `${TD}/web-staging:2`,
      after: `${TD}/web-staging:2`,
      images: 'img:a\n',
      digests: `sha256:${'1'.repeat(64)}`,
      deregistered: `${TD}/web-staging:3`,
    };
    const result = await runAction(() => run(client), inputs, env);
    expect(result.failed).toBe(false);
    const record = {
      version: 1,
      kind: 'deploy',
      environment: 'staging',
      config: '.ecspresso/staging/web.yaml',
      cluster: 'staging',
      service: 'web',
      result: 'failure',
      outcome: 'failed',
      before: `${TD}/web-staging:2`,
      after: `${TD}/web-staging:2`,
      images: ['img:a'],
      digests: [`sha256:${'1'.repeat(64)}`],
      deregistered: [`${TD}/web-staging:3`],
      url: 'https://github.com/example/service/actions/runs/7/job/4242',
      runAttempt: 2,
    };
    expect(client.uploads).toHaveLength(1);
    expect(client.uploads[0]!.name).toBe(
      'doppio-record-deploy-staging-.ecspresso_staging_web.yaml-2',
    );
    expect(client.uploads[0]!.files[0]).toMatch(/record\.json$/);
    expect(JSON.parse(client.uploads[0]!.text)).toEqual(record);
    expect(client.uploads[0]!.retentionDays).toBe(7);
    expect(JSON.parse(result.outputs['record']!)).toEqual(record);
    expect(result.outputs['artifact']).toBe(
      'doppio-record-deploy-staging-.ecspresso_staging_web.yaml-2',
    );
  });

  it.each([
    // A deploy refused before ECS was touched (a missing image): its step never ran, the job failed.
    ['deploy', 'skipped', 'failure', '', { result: 'failure', outcome: 'failed' }],
    ['deploy', 'success', 'success', 'dry run', { result: 'success', outcome: 'dry run' }],
    ['deploy', 'skipped', 'success', '', { result: 'skipped', outcome: 'not deployed' }],
    ['deploy', 'cancelled', 'cancelled', '', { result: 'cancelled', outcome: 'cancelled' }],
    // A rollback has no single step: the job's status is its result.
    [
      'rollback',
      '',
      'success',
      'nothing rolled back',
      { result: 'success', outcome: 'nothing rolled back' },
    ],
    ['rollback', '', 'failure', '', { result: 'failure', outcome: 'failed' }],
  ])(
    '%s with step %s and job %s (%s) is recorded as %j, linking the run attempt',
    async (kind, step, job, outcome, expected) => {
      const result = await runAction(
        () => run(uploader()),
        {
          ...defaults,
          kind,
          environment: 'production',
          config: 'p.yaml',
          'step-outcome': step,
          job: JSON.stringify({ status: job }),
          outcome,
        },
        env,
      );
      expect(JSON.parse(result.outputs['record']!)).toMatchObject({
        ...expected,
        cluster: '',
        url: 'https://github.com/example/service/actions/runs/7/attempts/2',
      });
    },
  );

  it('warns, and does not fail the job, when the upload fails', async () => {
    const result = await runAction(
      () => run(uploader(true)),
      {
        ...defaults,
        kind: 'deploy',
        environment: 'staging',
        config: 'c.yaml',
        'step-outcome': 'success',
      },
      env,
    );
    expect(result.failed).toBe(false);
    expect(result.log).toContain(
      '::warning::could not upload the deploy record doppio-record-deploy-staging-c.yaml-2 (artifact service unavailable)',
    );
  });

  it('refuses what is not a record', async () => {
    const notJson = await runAction(
      () => run(uploader()),
      { ...defaults, kind: 'deploy', environment: 'staging', config: 'c.yaml', job: 'success' },
      env,
    );
    expect(notJson.log).toContain(
      '::error::the `job` input is not JSON: pass `job: ${{ toJSON(job) }}`',
    );
    const bad = await runAction(
      () => run(uploader()),
      { ...defaults, kind: 'build', environment: 'staging', config: 'c.yaml' },
      env,
    );
    expect(bad.log).toContain("::error::kind must be deploy or rollback (got 'build')");
    const result = await runAction(
      () => run(uploader()),
      {
        ...defaults,
        kind: 'deploy',
        environment: 'staging',
        config: 'c.yaml',
        'step-outcome': 'green',
      },
      env,
    );
    expect(result.log).toContain(
      "::error::step-outcome must be one of success, failure, cancelled, skipped or empty, got 'green'",
    );
  });
});
