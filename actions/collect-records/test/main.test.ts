// main() with the real @actions/core and a stand-in artifact client holding a run's artifacts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployRecord } from '@doppio-dev/action-kit';
import { deployRecord, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

/** A run's artifacts, by name: a record, or raw text that is not one. */
function artifacts(contents: Record<string, DeployRecord | string>) {
  const names = Object.keys(contents);
  return {
    listArtifacts: async () => ({ artifacts: names.map((name, id) => ({ name, id })) }),
    downloadArtifact: async (id: number, options?: { path?: string }) => {
      const content = contents[names[id]!]!;
      mkdirSync(options!.path!, { recursive: true });
      writeFileSync(
        join(options!.path!, 'record.json'),
        typeof content === 'string' ? content : JSON.stringify(content),
      );
      return { downloadPath: options!.path! };
    },
  };
}

it('reads every record of the run, the newest attempt of each service, and ignores other artifacts', async () => {
  const worker2 = deployRecord('worker', { runAttempt: 2, result: 'failure', outcome: 'failed' });
  const client = artifacts({
    'doppio-record-deploy-staging-web-1': deployRecord('web'),
    'doppio-record-deploy-staging-worker-1': deployRecord('worker'),
    'doppio-record-deploy-staging-worker-2': worker2,
    'coverage-report': 'not a record',
  });
  const result = await runAction(() => run(client), {});
  expect(result.failed).toBe(false);
  expect(JSON.parse(result.outputs['records']!)).toEqual([deployRecord('web'), worker2]);
  expect(result.outputs['count']).toBe('2');
  expect(result.log).toContain('2 deploy records: staging/web success, staging/worker failure');
});

it('warns about a record it cannot read and goes on with the rest', async () => {
  const client = artifacts({
    'doppio-record-deploy-staging-web-1': deployRecord('web'),
    'doppio-record-deploy-staging-api-1': '{"version": 9}',
  });
  const result = await runAction(() => run(client), {});
  expect(JSON.parse(result.outputs['records']!)).toEqual([deployRecord('web')]);
  expect(result.log).toContain(
    '::warning::artifact doppio-record-deploy-staging-api-1 could not be read: artifact doppio-record-deploy-staging-api-1 is not a deploy record: version 9',
  );
});

it('gives no records, with a warning, when the run’s artifacts cannot be listed', async () => {
  const client = {
    listArtifacts: async () => Promise.reject(new Error('no runtime token')),
    downloadArtifact: async () => ({}),
  };
  const result = await runAction(() => run(client), {});
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ records: '[]', count: '0' });
  expect(result.log).toContain(
    "::warning::could not list this run's deploy records (no runtime token)",
  );
});
