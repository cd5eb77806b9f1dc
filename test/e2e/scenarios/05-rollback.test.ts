// Scenario 5: a release is undone: `ecspresso rollback --deregister-task-definition` returns the
// service to the previous revision and the rolled-back revision is INACTIVE.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const td = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

describeWithEcspresso('scenario 5: rollback', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso, environments: ['staging'] });
  });
  afterAll(() => world?.stop());

  it('returns the service to the previous revision and deregisters the one it leaves', async () => {
    expect((await world.run('staging.yml')).needs['deploy']?.result).toBe('success');
    world.repo.release('release 2');
    const deployed = await world.run('staging.yml');
    expect(deployed.needs['deploy']?.outputs['task-definition-arn']).toBe(td(3));

    const run = await world.run('rollback.yml', {
      event: 'workflow_dispatch',
      inputs: { environment: 'staging', service: 'web', 'undo-task-definition': 'web-staging:3' },
    });

    expect(run.needs['rollback']).toEqual({
      result: 'success',
      outputs: {
        'rolled-back': 'true',
        'from-task-definition': td(3),
        'to-task-definition': td(2),
        deregistered: td(3),
        'skipped-reason': '',
      },
    });
    expect(run.log).toContain('web-staging:3 was deregistered successfully');
    // What a user reads in the run: the rollback job's outputs, printed once the test checked them.
    const { outputs } = run.needs['rollback']!;
    console.log(
      `scenario 5: rolled back ${outputs['from-task-definition']} → ${outputs['to-task-definition']}; deregistered ${outputs['deregistered']}`,
    );
    expect(await world.service('staging', 'web')).toMatchObject({
      taskDefinition: td(2),
      primary: td(2),
    });
    expect(await world.revisions('staging', 'web', 'INACTIVE')).toEqual(['web-staging:3']);
    expect(await world.revisions('staging', 'web')).toEqual(['web-staging:1', 'web-staging:2']);
    const summary = run.summaries.map((s) => s.content).join('\n');
    expect(summary).toContain('✅ Rolled back');
    expect(summary).toContain('| deregistered | `web-staging:3` |');
  });
});
