// Scenario 6: the ECS circuit breaker already reverted a bad deploy; the rollback asked to undo it
// rolls nothing back and deregisters nothing good.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const td = (revision: number): string => `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

describeWithEcspresso('scenario 6: double-rollback guard', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso, environments: ['staging'] });
  });
  afterAll(() => world?.stop());

  it('after a circuit-breaker revert, rolls nothing back and leaves the good revision registered', async () => {
    expect((await world.run('staging.yml')).needs['deploy']?.result).toBe('success');
    world.repo.release('bad release', [{ environment: 'staging', service: 'web' }]);
    const bad = await world.run('staging.yml');
    expect(bad.needs['deploy']?.result).toBe('failure');
    expect(await world.service('staging', 'web')).toMatchObject({ taskDefinition: td(2), primary: td(2) });

    const run = await world.run('rollback.yml', { event: 'workflow_dispatch', inputs: { environment: 'staging', service: 'web', 'undo-task-definition': 'web-staging:3' } });

    expect(run.needs['rollback']?.result).toBe('success');
    expect(run.needs['rollback']?.outputs).toMatchObject({ 'rolled-back': 'false', 'from-task-definition': '', 'to-task-definition': '' });
    expect(run.needs['rollback']?.outputs['skipped-reason']).toContain('the service runs web-staging:2, not web-staging:3: it was already rolled back');
    expect(run.steps.map((s) => s.step)).not.toContain('Roll back (ecspresso rollback)');
    expect(await world.service('staging', 'web')).toMatchObject({ taskDefinition: td(2), primary: td(2) });
    expect(await world.revisions('staging', 'web')).toContain('web-staging:2');
  });
});
