// Scenario 8: a rollback to a recorded known-good revision returns the service to exactly that
// revision and deregisters the undone one only once the service is confirmed on it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const td = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

describeWithEcspresso('scenario 8: return to a known-good revision', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso, environments: ['staging'] });
  });
  afterAll(() => world?.stop());

  it('returns to the recorded revision, then deregisters the one it left', async () => {
    for (const release of ['release 1', 'release 2', 'release 3']) {
      if (release !== 'release 1') world.repo.release(release);
      expect((await world.run('staging.yml')).needs['deploy']?.result).toBe('success');
    }
    expect((await world.service('staging', 'web')).taskDefinition).toBe(td(4));

    const run = await world.run('rollback.yml', {
      event: 'workflow_dispatch',
      inputs: {
        environment: 'staging',
        service: 'web',
        'undo-task-definition': 'web-staging:4',
        'to-task-definition': 'web-staging:2',
      },
    });

    expect(run.needs['rollback']).toEqual({
      result: 'success',
      outputs: {
        'rolled-back': 'true',
        'from-task-definition': td(4),
        'to-task-definition': td(2),
        deregistered: td(4),
        'skipped-reason': '',
      },
    });
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web', 'INACTIVE')).toEqual(['web-staging:4']);
    expect(await world.revisions('staging', 'web')).toEqual([
      'web-staging:1',
      'web-staging:2',
      'web-staging:3',
    ]);
    // The order in the log: update, wait until stable, and only then deregister.
    const waited = run.log.indexOf(
      `updated staging/web from ${td(4)} to ${td(2)}; waiting until it is stable`,
    );
    const deregistered = run.log.indexOf(`deregistered ${td(4)}`);
    expect(waited).toBeGreaterThan(-1);
    expect(deregistered).toBeGreaterThan(waited);
  });
});
