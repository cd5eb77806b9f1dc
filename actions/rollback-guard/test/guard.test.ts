import { describe, expect, it } from 'vitest';
import { decide, revisionName } from '../src/guard.js';

const ARN = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:42';

describe('decide', () => {
  it('rolls back with ecspresso while the service still runs the revision to undo', () => {
    expect(decide({ undo: ARN, to: '', running: 'web:42', undoStillRuns: true })).toEqual({
      mode: 'ecspresso',
    });
  });

  it('does nothing when the service already runs another revision: never a second rollback', () => {
    const decision = decide({ undo: ARN, to: '', running: 'web:41', undoStillRuns: false });
    expect(decision).toMatchObject({ mode: 'skip', level: 'warning' });
    expect(decision.mode === 'skip' && decision.reason).toBe(
      'the service runs web:41, not web:42: it was already rolled back (by the ECS deployment circuit breaker or by hand), so nothing was rolled back and no good revision deregistered',
    );
  });

  it('the guard holds for a known-good target too', () => {
    expect(
      decide({ undo: 'web:42', to: 'web:40', running: 'web:41', undoStillRuns: false }),
    ).toMatchObject({ mode: 'skip', level: 'warning' });
  });

  it('returns to a known-good revision, unless the service already runs it', () => {
    expect(
      decide({ undo: 'web:42', to: 'web:40', running: 'web:42', undoStillRuns: true }),
    ).toEqual({ mode: 'to-task-definition' });
    expect(
      decide({ undo: '', to: `${ARN.slice(0, -2)}40`, running: 'web:40', undoStillRuns: false }),
    ).toEqual({
      mode: 'skip',
      level: 'notice',
      reason: 'the service already runs web:40, the to-task-definition: nothing to do',
    });
  });

  it('without a revision to undo it rolls back whatever runs, and says the guard is off', () => {
    expect(decide({ undo: '', to: '', running: 'web:42', undoStillRuns: false })).toEqual({
      mode: 'ecspresso',
      warning:
        'undo-task-definition is not set: the double-rollback guard is off, and whatever the service runs now (web:42) is rolled back',
    });
  });
});

it('revisionName reads an ARN or family:revision', () => {
  expect(revisionName(ARN)).toBe('web:42');
  expect(revisionName('web:42')).toBe('web:42');
});
