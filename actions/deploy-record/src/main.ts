import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { RECORD_FILE, recordArtifactName } from '@doppio-dev/action-kit';
import { buildRecord } from './record.js';

/** The part of @actions/artifact's client this uses; tests give their own. */
export interface RecordUploader {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number },
  ): Promise<unknown>;
}

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The job context's fields this reads (`toJSON(job)`). */
function jobContext(text: string): { status: string; checkRunId: string } {
  let job: { status?: unknown; check_run_id?: unknown };
  try {
    job = JSON.parse(text || '{}') as typeof job;
  } catch {
    throw new Error('the `job` input is not JSON: pass `job: ${{ toJSON(job) }}`');
  }
  return {
    status: typeof job.status === 'string' ? job.status : '',
    checkRunId: job.check_run_id === undefined ? '' : String(job.check_run_id),
  };
}

export async function run(uploader: RecordUploader = new DefaultArtifactClient()): Promise<void> {
  try {
    const job = jobContext(core.getInput('job'));
    const record = buildRecord(
      {
        kind: core.getInput('kind', { required: true }),
        environment: core.getInput('environment', { required: true }),
        config: core.getInput('config', { required: true }),
        cluster: core.getInput('cluster'),
        service: core.getInput('service'),
        stepOutcome: core.getInput('step-outcome'),
        jobStatus: job.status,
        outcome: core.getInput('outcome'),
        before: core.getInput('before'),
        after: core.getInput('after'),
        images: lines(core.getInput('images')),
        digests: lines(core.getInput('digests')),
        deregistered: lines(core.getInput('deregistered')),
      },
      {
        serverUrl: process.env['GITHUB_SERVER_URL'] || 'https://github.com',
        repository: process.env['GITHUB_REPOSITORY'] ?? '',
        runId: process.env['GITHUB_RUN_ID'] ?? '',
        runAttempt: Number(process.env['GITHUB_RUN_ATTEMPT'] || '1'),
        checkRunId: job.checkRunId,
      },
    );
    const name = recordArtifactName(record);
    const text = JSON.stringify(record, null, 2);
    core.setOutput('record', JSON.stringify(record));
    core.setOutput('artifact', name);
    const dir = mkdtempSync(join(process.env['RUNNER_TEMP'] || tmpdir(), 'doppio-record-'));
    writeFileSync(join(dir, RECORD_FILE), `${text}\n`);
    try {
      // The notify job reads it a minute later; a week keeps it for a look at the run.
      await uploader.uploadArtifact(name, [join(dir, RECORD_FILE)], dir, { retentionDays: 7 });
      core.info(`deploy record ${name}: ${record.outcome}`);
    } catch (error) {
      // The deploy's own result stands; only the notification loses this service's line.
      core.warning(
        `could not upload the deploy record ${name} (${error instanceof Error ? error.message : String(error)}): the notification names this job by its result only`,
      );
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
