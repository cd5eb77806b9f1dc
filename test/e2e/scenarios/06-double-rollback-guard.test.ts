// Scenario 6: the ECS circuit breaker already reverted a bad deploy; the rollback asked to undo it
// rolls nothing back and deregisters nothing good, and the revision ECS turned away never stays.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const td = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

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
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });

    const run = await world.run('rollback.yml', {
      event: 'workflow_dispatch',
      inputs: { environment: 'staging', service: 'web', 'undo-task-definition': 'web-staging:3' },
    });

    expect(run.needs['rollback']?.result).toBe('success');
    expect(run.needs['rollback']?.outputs).toMatchObject({
      'rolled-back': 'false',
      'from-task-definition': '',
      'to-task-definition': '',
    });
    expect(run.needs['rollback']?.outputs['skipped-reason']).toContain(
      'the service runs web-staging:2, not web-staging:3: it was already rolled back',
    );
    expect(run.steps.map((s) => s.step)).not.toContain('Roll back (ecspresso rollback)');
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web')).toContain('web-staging:2');
    // The deploy itself deregistered the revision ECS turned away; nothing is left to do here.
    expect(await world.revisions('staging', 'web', 'INACTIVE')).toEqual(['web-staging:3']);
    expect(run.needs['rollback']?.outputs['deregistered']).toBe('');
  });

  it('when ECS reverted a deploy that did not wait, the rollback deregisters the revision it turned away', async () => {
    world.repo.release('bad release, deployed without waiting', [
      { environment: 'staging', service: 'web' },
    ]);
    // `wait: none` ends the deploy without looking at what ECS does: it succeeds, and :4, which ECS
    // turns away, stays registered.
    const unwaited = await world.run('staging.yml', { vars: { WAIT: 'none' } });
    expect(unwaited.needs['deploy']).toMatchObject({
      result: 'success',
      outputs: { deregistered: '' },
    });
    expect(unwaited.log).toContain('--no-wait');
    expect(await world.service('staging', 'web')).toMatchObject({ taskDefinition: td(2) });
    expect(await world.revisions('staging', 'web')).toContain('web-staging:4');

    const run = await world.run('rollback.yml', {
      event: 'workflow_dispatch',
      inputs: { environment: 'staging', service: 'web', 'undo-task-definition': 'web-staging:4' },
    });

    expect(run.needs['rollback']?.outputs).toMatchObject({
      'rolled-back': 'false',
      deregistered: td(4),
    });
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web')).toEqual(['web-staging:1', 'web-staging:2']);
    expect(run.summaries.map((s) => s.content).join('\n')).toContain(
      '| deregistered | `web-staging:4` (staging/web is back on web-staging:2; deregistered web-staging:4, so a rollback can never land on it) |',
    );
  });
});
