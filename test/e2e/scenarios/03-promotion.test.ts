// Scenario 3: on a release tag, production deploys the image staging runs — no build, the digest
// proof passing — and a tag whose image has another digest than staging's deploys nothing.
// Scenario 4: a tag whose image was never built is refused before ECS is touched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const ecrImage = (sha: string): string =>
  `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service:${sha}`;
const td = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-production:${revision}`;

describeWithEcspresso('scenarios 3 and 4: promotion to production', () => {
  let world: World;
  let stagingSha: string;
  beforeAll(async () => {
    world = await World.start({ ecspresso });
    stagingSha = world.repo.head();
    const staging = await world.run('staging.yml');
    expect(staging.needs['deploy']?.result).toBe('success');
  });
  afterAll(() => world?.stop());

  it('3: deploys the very image staging runs, with zero builds and the digest proof passing', async () => {
    world.repo.tag('v1.0.0');
    const pushes = world.registry.pushes();

    const run = await world.run('production.yml', { payload: { ref: 'refs/tags/v1.0.0' } });

    const digest = await world.imageDigest(stagingSha);
    expect(run.needs['deploy']).toEqual({
      result: 'success',
      outputs: expect.objectContaining({
        'task-definition-arn': td(2),
        'previous-task-definition-arn': td(1),
        image: ecrImage(stagingSha),
        digest,
      }),
    });
    expect(await world.service('production', 'web')).toEqual({
      taskDefinition: td(2),
      primary: td(2),
      images: [ecrImage(stagingSha)],
    });
    // Zero builds: no build step ran, and the registry saw no push.
    expect(run.steps.filter((s) => /build/i.test(s.step))).toEqual([]);
    expect(world.registry.pushes()).toEqual(pushes);
    // The digest proof ran and passed: staging's digest was read and required.
    expect(run.steps).toContainEqual(
      expect.objectContaining({ step: 'Pick the digest to match', result: 'success' }),
    );
    expect(run.log).toContain(`${digest}`);
  });

  it('3: a tag whose image has another digest than staging runs deploys nothing', async () => {
    const other = world.repo.release('release 2 (built, never deployed to staging)');
    expect((await world.run('build.yml')).needs['build']?.outputs['built']).toBe('true');
    world.repo.tag('v1.1.0');
    const before = await world.service('production', 'web');
    const revisions = await world.revisions('production', 'web');

    const run = await world.run('production.yml', { payload: { ref: 'refs/tags/v1.1.0' } });

    expect(run.needs['deploy']?.result).toBe('failure');
    const [stagingDigest, otherDigest] = [
      await world.imageDigest(stagingSha),
      await world.imageDigest(other),
    ];
    expect(run.log).toContain(
      `\`service:${other}\` has digest ${otherDigest}, not the expected ${stagingDigest}`,
    );
    expect(await world.service('production', 'web')).toEqual(before);
    expect(await world.revisions('production', 'web')).toEqual(revisions);
    expect(run.steps.map((s) => s.step)).not.toContain('Deploy with ecspresso');
  });

  it('4: a tag whose image was never built is refused before ECS is touched, naming the image', async () => {
    const unbuilt = world.repo.release('release 3 (never built)');
    world.repo.tag('v1.2.0');
    const before = await world.service('production', 'web');
    const revisions = await world.revisions('production', 'web');

    const run = await world.run('production.yml', { payload: { ref: 'refs/tags/v1.2.0' } });

    expect(run.needs['deploy']?.result).toBe('failure');
    expect(run.log).toContain(`\`service:${unbuilt}\` is not in ECR`);
    expect(await world.service('production', 'web')).toEqual(before);
    expect(await world.revisions('production', 'web')).toEqual(revisions);
  });
});
