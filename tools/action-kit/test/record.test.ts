import { describe, expect, it } from 'vitest';
import {
  type DeployRecord,
  latestRecords,
  parseRecord,
  parseRecords,
  recordArtifactName,
  recordLine,
  shortDigest,
} from '../src/record.js';

const TD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const record = (changes: Partial<DeployRecord> = {}): DeployRecord => ({
  version: 1,
  kind: 'deploy',
  environment: 'staging',
  config: '.ecspresso/staging/web.yaml',
  cluster: 'staging',
  service: 'web',
  result: 'success',
  outcome: 'deployed',
  before: `${TD}/web-staging:1`,
  after: `${TD}/web-staging:2`,
  images: ['123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service:abc'],
  digests: [DIGEST],
  deregistered: [],
  url: 'https://github.com/example/service/actions/runs/7/job/99',
  runAttempt: 1,
  ...changes,
});

describe('recordArtifactName', () => {
  it('is predictable and holds no character artifact names refuse', () => {
    expect(recordArtifactName(record())).toBe(
      'doppio-record-deploy-staging-.ecspresso_staging_web.yaml-1',
    );
    expect(
      recordArtifactName(
        record({
          kind: 'rollback',
          environment: 'prod eu',
          config: 'svc/a:b|c.yaml',
          runAttempt: 2,
        }),
      ),
    ).toBe('doppio-record-rollback-prod_eu-svc_a_b_c.yaml-2');
  });
});

describe('parseRecord', () => {
  it('reads what a record holds', () => {
    expect(parseRecord(JSON.stringify(record()), 'artifact x')).toEqual(record());
  });

  it('names the source and every problem', () => {
    expect(() => parseRecord('{', 'artifact x')).toThrow(
      'artifact x is not a deploy record: not JSON',
    );
    expect(() =>
      parseRecord(
        JSON.stringify({ ...record(), version: 2, result: 'green', images: 'x', runAttempt: '1' }),
        'artifact y',
      ),
    ).toThrow(
      'artifact y is not a deploy record: version 2 (this reader knows 1); result is not one of success, failure, cancelled, skipped; images is not a list of strings; runAttempt is not a number',
    );
  });
});

describe('parseRecords', () => {
  it('reads a JSON array of records, and nothing from an empty input', () => {
    expect(parseRecords(JSON.stringify([record()]), 'records')).toEqual([record()]);
    expect(parseRecords('', 'records')).toEqual([]);
    expect(() => parseRecords('{}', 'records')).toThrow(
      'the `records` input must be a JSON array of deploy records',
    );
    expect(() => parseRecords('[{}]', 'records')).toThrow(
      'entry 0 of `records` is not a deploy record: version undefined',
    );
  });
});

describe('latestRecords', () => {
  it('keeps the newest attempt of each service, and the same service in two environments apart', () => {
    const web1 = record();
    const web2 = record({ runAttempt: 2, outcome: 'failed', result: 'failure' });
    const api = record({ service: 'api', config: '.ecspresso/staging/api.yaml' });
    const prodWeb = record({
      environment: 'production',
      cluster: 'production',
      config: '.ecspresso/production/web.yaml',
    });
    expect(latestRecords([prodWeb, web2, api, web1])).toEqual([prodWeb, api, web2]);
  });

  it('tells services apart by config when the run ended before it read the service', () => {
    const a = record({ cluster: '', service: '', config: 'a.yaml' });
    const b = record({ cluster: '', service: '', config: 'b.yaml' });
    expect(latestRecords([b, a])).toEqual([a, b]);
  });
});

describe('recordLine', () => {
  it('says what happened to the service, the revisions, the digest and what was deregistered', () => {
    expect(recordLine(record())).toBe(
      '✅ `web` (staging, cluster `staging`): deployed `web-staging:1` → `web-staging:2` (sha256:abababababab)',
    );
    expect(
      recordLine(
        record({
          result: 'failure',
          outcome: 'failed',
          after: `${TD}/web-staging:1`,
          deregistered: [`${TD}/web-staging:2`],
        }),
      ),
    ).toBe(
      '❌ `web` (staging, cluster `staging`): failed on `web-staging:1` (sha256:abababababab); deregistered `web-staging:2`',
    );
    expect(
      recordLine(
        record({
          kind: 'rollback',
          outcome: 'rolled back',
          before: `${TD}/web-staging:2`,
          after: `${TD}/web-staging:1`,
          digests: [],
        }),
      ),
    ).toBe('✅ `web` (staging, cluster `staging`): rolled back `web-staging:2` → `web-staging:1`');
    expect(
      recordLine(
        record({
          cluster: '',
          service: '',
          before: '',
          after: '',
          digests: [],
          result: 'failure',
          outcome: 'failed',
        }),
      ),
    ).toBe('❌ `.ecspresso/staging/web.yaml` (staging): failed');
  });

  it('shortens digests the way registries do', () => {
    expect(shortDigest(DIGEST)).toBe('sha256:abababababab');
    expect(shortDigest('not a digest')).toBe('not a digest');
  });
});
