import { describe, expect, it } from 'vitest';
import { parseJobs } from '../src/jobs.js';

describe('parseJobs', () => {
  it('reads toJSON(needs) in its order, ignoring outputs', () => {
    const needs = {
      'deploy-web': { result: 'success', outputs: { revision: '12' } },
      'deploy-api': { result: 'failure', outputs: {} },
    };
    expect(parseJobs(JSON.stringify(needs))).toEqual([
      { job: 'deploy-web', result: 'success' },
      { job: 'deploy-api', result: 'failure' },
    ]);
  });

  it('reads an array of {job, result}', () => {
    expect(parseJobs('[{"job":"a","result":"cancelled"},{"job":"b","result":"skipped"}]')).toEqual([
      { job: 'a', result: 'cancelled' },
      { job: 'b', result: 'skipped' },
    ]);
  });

  it('refuses anything else, saying what to pass', () => {
    expect(() => parseJobs('deploy-web')).toThrow(
      'the `jobs` input is not JSON: pass `jobs: ${{ toJSON(needs) }}`',
    );
    expect(() => parseJobs('"x"')).toThrow(
      'must be `${{ toJSON(needs) }}` (an object) or an array',
    );
    expect(() => parseJobs('{"web":{"outputs":{}}}')).toThrow(
      'job `web` in `jobs` has no valid result (got undefined',
    );
    expect(() => parseJobs('[{"job":"web","result":"green"}]')).toThrow(
      'job `web` in `jobs` has no valid result (got "green"',
    );
    expect(() => parseJobs('[{"result":"success"}]')).toThrow(
      'entry 0 of `jobs` has no `job` name',
    );
    expect(() => parseJobs('[null]')).toThrow('entry 0 of `jobs` has no `job` name');
  });
});
