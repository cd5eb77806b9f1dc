// Cross-account promotion, the usual enterprise shape: images in a shared ECR account, staging and
// production each in an account of its own. Production deploys the image staging runs, reading
// staging with staging's role (compare-role-to-assume) and the images in the registry their
// references name; every role holds only what workflows/iam.yml gives it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const REGISTRY = '333333333333';
const STAGING = '111111111111';
const PRODUCTION = '222222222222';
const image = (sha: string): string =>
  `${REGISTRY}.dkr.ecr.ap-northeast-1.amazonaws.com/service:${sha}`;

describeWithEcspresso('scenario 10: promotion across accounts', () => {
  let world: World;
  let sha: string;
  beforeAll(async () => {
    world = await World.start({
      ecspresso,
      accounts: { registry: REGISTRY, environments: { staging: STAGING, production: PRODUCTION } },
    });
    sha = world.repo.head();
    const staging = await world.run('staging.yml');
    expect(staging.needs['build']?.outputs['image']).toBe(image(sha));
    expect(staging.needs['deploy']?.result).toBe('success');
    expect((await world.service('staging', 'web')).images).toEqual([image(sha)]);
    world.repo.tag('v1.0.0');
  });
  afterAll(() => world?.stop());

  it('without staging’s role, production cannot see what staging runs, and deploys nothing', async () => {
    const before = await world.service('production', 'web');
    const run = await world.run('production.yml', {
      payload: { ref: 'refs/tags/v1.0.0' },
      vars: { AWS_STAGING_READ_ROLE_ARN: '' },
    });
    expect(run.needs['deploy']?.result).toBe('failure');
    expect(run.log).toContain('service `web` not found in cluster `staging`');
    expect(await world.service('production', 'web')).toEqual(before);
  });

  it('with it, production deploys the image staging runs, from the shared registry, its digest proven', async () => {
    const run = await world.run('production.yml', { payload: { ref: 'refs/tags/v1.0.0' } });
    expect(run.needs['deploy']).toMatchObject({
      result: 'success',
      outputs: {
        'task-definition-arn': `arn:aws:ecs:ap-northeast-1:${PRODUCTION}:task-definition/web-production:2`,
        image: image(sha),
        digest: await world.imageDigest(sha),
      },
    });
    expect(await world.service('production', 'web')).toMatchObject({ images: [image(sha)] });
    // Staging was read with staging's role, everything else with production's.
    expect(run.log).toContain(
      `assumed arn:aws:iam::${STAGING}:role/staging-deploy (account ${STAGING})`,
    );
    expect(run.log).toContain(
      `assumed arn:aws:iam::${PRODUCTION}:role/production-deploy (account ${PRODUCTION})`,
    );
    expect(run.steps).toContainEqual(
      expect.objectContaining({ step: 'Pick the digest to match', result: 'success' }),
    );
  });
});
