import { describe, expect, it } from 'vitest';
import { parseJobResults } from '../src/jobs.js';

describe('parseJobResults', () => {
  it('reads toJSON(needs), in order, and a hand-written array', () => {
    const needs = {
      build: { result: 'success', outputs: { image: 'x' } },
      deploy: { result: 'failure', outputs: {} },
    };
    expect(parseJobResults(JSON.stringify(needs), 'needs')).toEqual([
      { job: 'build', result: 'success' },
      { job: 'deploy', result: 'failure' },
    ]);
    expect(
      parseJobResults('[{"job":"a","result":"cancelled"},{"job":"b","result":"skipped"}]', 'jobs'),
    ).toEqual([
      { job: 'a', result: 'cancelled' },
      { job: 'b', result: 'skipped' },
    ]);
  });

  it('says what to pass, naming the input', () => {
    expect(() => parseJobResults('deploy-web', 'needs')).toThrow(
      'the `needs` input is not JSON: pass `needs: ${{ toJSON(needs) }}`',
    );
    expect(() => parseJobResults('"x"', 'jobs')).toThrow('the `jobs` input must be the object');
    expect(() => parseJobResults('{"web":{"outputs":{}}}', 'needs')).toThrow(
      'job `web` in `needs` has no result (got undefined; expected one of success, failure, cancelled, skipped)',
    );
    expect(() => parseJobResults('[{"job":"web","result":"green"}]', 'jobs')).toThrow(
      'job `web` in `jobs` has no result (got "green"',
    );
    expect(() => parseJobResults('[null]', 'jobs')).toThrow('entry 0 of `jobs` has no `job` name');
  });
});
