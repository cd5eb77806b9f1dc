// Issue 12's sequence: a revision the ECS circuit breaker rejected must never come back. The
// service runs :2; a deploy registers :3, the circuit breaker puts the service back on :2; the next
// deploy, :4, is bad in a way ECS cannot see, and is rolled back: `ecspresso rollback` goes to the
// newest ACTIVE revision older than :4, which must be :2, not the rejected :3.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const td = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

describeWithEcspresso('scenario 9: a rejected revision never comes back', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso, environments: ['staging'] });
  });
  afterAll(() => world?.stop());

  it('deploy-ecspresso deregisters the revision the circuit breaker rejected, once the service is steady on the one before', async () => {
    expect((await world.run('staging.yml')).needs['deploy']?.result).toBe('success');
    world.repo.release('release 2, tasks fail to start', [
      { environment: 'staging', service: 'web' },
    ]);

    const rejected = await world.run('staging.yml');

    expect(rejected.needs['deploy']?.result).toBe('failure');
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web', 'INACTIVE')).toEqual(['web-staging:3']);
    const outputs = Object.fromEntries(
      rejected.outputs.filter((o) => o.job.startsWith('deploy/')).map((o) => [o.name, o.value]),
    );
    expect(outputs['deregistered']).toBe(td(3));
    const summary = rejected.summaries.map((s) => s.content).join('\n');
    expect(summary).toContain('| Deregistered | `web-staging:3`');
    expect(summary).toContain('the service is back on `web-staging:2`');
  });

  it('the next rollback returns to the last good revision, never to the rejected one', async () => {
    world.repo.release('release 3, starts but is wrong');
    const deployed = await world.run('staging.yml');
    expect(deployed.needs['deploy']?.outputs['task-definition-arn']).toBe(td(4));

    const run = await world.run('rollback.yml', {
      event: 'workflow_dispatch',
      inputs: { environment: 'staging', service: 'web', 'undo-task-definition': 'web-staging:4' },
    });

    expect(run.needs['rollback']?.outputs).toMatchObject({
      'rolled-back': 'true',
      'from-task-definition': td(4),
      'to-task-definition': td(2),
      deregistered: td(4),
    });
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web')).toEqual(['web-staging:1', 'web-staging:2']);
    expect(await world.revisions('staging', 'web', 'INACTIVE')).toEqual([
      'web-staging:3',
      'web-staging:4',
    ]);
  });
});
