import { describe, expect, it } from 'vitest';
import { outcomeOf, rollbackResult, summaryMarkdown, type RollbackRun } from '../src/report.js';

const TD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web';
const base: RollbackRun = {
  environment: 'production',
  mode: 'ecspresso',
  skippedReason: '',
  dryRun: false,
  deregister: true,
  toInput: '',
  ecspressoOutcome: 'success',
  toOutcome: '',
  deregisteredByAction: '',
  deregisterReason: '',
  cluster: 'prod',
  service: 'web',
  consoleUrl: 'https://console.example/ecs/prod/web',
  before: `${TD}:42`,
  beforeImages: '["123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:bad"]',
  previous: `${TD}:41`,
  after: `${TD}:41`,
  afterImages: '["123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:good"]',
  afterSteady: 'true',
  afterMatches: false,
};
/** The guard skipped the rollback: ecspresso never ran, the service stays where it was. */
const skipped: RollbackRun = {
  ...base,
  mode: '',
  skippedReason: 'already rolled back',
  ecspressoOutcome: '',
  after: '',
  afterImages: '',
};

describe('rollbackResult', () => {
  it('ecspresso moved the service back and deregistered the revision it left', () => {
    expect(rollbackResult(base)).toEqual({
      rolledBack: true,
      from: `${TD}:42`,
      to: `${TD}:41`,
      deregistered: `${TD}:42`,
      reason: '',
    });
  });

  it('nothing deregistered when the caller turned deregistration off', () => {
    expect(rollbackResult({ ...base, deregister: false }).deregistered).toBe('');
  });

  it('not rolled back when the service is still on the same revision afterwards', () => {
    expect(rollbackResult({ ...base, after: `${TD}:42` })).toEqual({
      rolledBack: false,
      from: `${TD}:42`,
      to: `${TD}:42`,
      deregistered: '',
      reason: '',
    });
  });

  it('a failed ecspresso step: nothing claimed', () => {
    expect(rollbackResult({ ...base, ecspressoOutcome: 'failure' })).toEqual({
      rolledBack: false,
      from: `${TD}:42`,
      to: '',
      deregistered: '',
      reason: '',
    });
  });

  it('the guard skipped: nothing attempted, the reason kept', () => {
    const reason = 'the service runs web:41, not web:42: it was already rolled back';
    expect(
      rollbackResult({ ...base, mode: '', skippedReason: reason, ecspressoOutcome: '', after: '' }),
    ).toEqual({ rolledBack: false, from: '', to: '', deregistered: '', reason });
    // ECS reverted the deploy: deregister-rejected deregistered the revision ECS turned away.
    const reverted = {
      ...base,
      mode: '' as const,
      skippedReason: reason,
      ecspressoOutcome: '',
      after: '',
      deregisteredByAction: `${TD}:42`,
      deregisterReason: 'prod/web is back on web:41; deregistered web:42',
    };
    expect(rollbackResult(reverted)).toEqual({
      rolledBack: false,
      from: '',
      to: '',
      deregistered: `${TD}:42`,
      reason,
    });
    expect(summaryMarkdown(reverted, rollbackResult(reverted))).toContain(
      '| deregistered | `web:42` (prod/web is back on web:41; deregistered web:42) |',
    );
  });

  it('a dry run names where the service would go and changes nothing', () => {
    expect(rollbackResult({ ...base, dryRun: true, after: '' })).toEqual({
      rolledBack: false,
      from: `${TD}:42`,
      to: `${TD}:41`,
      deregistered: '',
      reason: 'dry run: nothing was changed',
    });
    expect(
      rollbackResult({ ...base, mode: 'to-task-definition', toInput: 'web:40', dryRun: true }).to,
    ).toBe('web:40');
  });

  it('a return to a known-good revision counts once the service is seen on it, deregistration as return-to-revision reports it', () => {
    const to = {
      ...base,
      mode: 'to-task-definition' as const,
      toInput: 'web:40',
      ecspressoOutcome: '',
      toOutcome: 'success',
      after: `${TD}:40`,
      afterMatches: true,
      deregisteredByAction: `${TD}:42`,
    };
    expect(rollbackResult(to)).toEqual({
      rolledBack: true,
      from: `${TD}:42`,
      to: `${TD}:40`,
      deregistered: `${TD}:42`,
      reason: '',
    });
    expect(rollbackResult({ ...to, afterMatches: false, deregisteredByAction: '' })).toEqual({
      rolledBack: false,
      from: `${TD}:42`,
      to: `${TD}:40`,
      deregistered: '',
      reason: '',
    });
  });
});

describe('summaryMarkdown', () => {
  it('a rollback: headline, service link, revisions and images', () => {
    const text = summaryMarkdown(base, rollbackResult(base));
    expect(text).toBe(
      [
        '### Rollback: web (production)',
        '',
        '✅ Rolled back',
        '',
        '| | |',
        '| --- | --- |',
        '| service | [`prod/web`](https://console.example/ecs/prod/web) |',
        '| from | `web:42` |',
        '| to | `web:41` |',
        '| deregistered | `web:42` |',
        `| images before | \`${base.beforeImages}\` |`,
        `| images after | \`${base.afterImages}\` (steady: true) |`,
        '',
      ].join('\n'),
    );
  });

  it('a skipped rollback says why and what still runs; a failure says to read the log', () => {
    const text = summaryMarkdown(skipped, rollbackResult(skipped));
    expect(text).toContain('⏭️ Nothing rolled back: already rolled back');
    expect(text).toContain('| runs | `web:42` (unchanged) |');
    expect(text).toContain('| from | — |');
    const failed = { ...base, ecspressoOutcome: 'failure' };
    expect(summaryMarkdown(failed, rollbackResult(failed))).toContain(
      '❌ Rollback failed (see the log)',
    );
  });
});

describe('outcomeOf', () => {
  it('says what the rollback did in a few words', () => {
    expect(outcomeOf(base, rollbackResult(base))).toBe('rolled back');
    expect(outcomeOf(skipped, rollbackResult(skipped))).toBe('nothing rolled back');
    const failed = { ...base, ecspressoOutcome: 'failure' };
    expect(outcomeOf(failed, rollbackResult(failed))).toBe('failed');
    const dry = { ...base, dryRun: true, after: '' };
    expect(outcomeOf(dry, rollbackResult(dry))).toBe('dry run');
  });
});
