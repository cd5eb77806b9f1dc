// Scenario 2: staging deploys the image build-push just pushed: a new task definition revision whose
// image is `…:<full sha>`, and the service runs it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

describeWithEcspresso('scenario 2: staging deploy', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso });
  });
  afterAll(() => world?.stop());

  it('registers a revision naming <repository>:<sha> and the service runs it', async () => {
    const sha = world.repo.head();
    const image = `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service:${sha}`;
    const td = (revision: number): string =>
      `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web-staging:${revision}`;

    const run = await world.run('staging.yml');

    const digest = await world.imageDigest(sha);
    expect(run.needs['deploy']).toEqual({
      result: 'success',
      outputs: expect.objectContaining({
        'task-definition-arn': td(2),
        revision: '2',
        'previous-task-definition-arn': td(1),
        'previous-revision': '1',
        image,
        digest,
      }),
    });
    expect(await world.service('staging', 'web')).toEqual({
      taskDefinition: td(2),
      primary: td(2),
      images: [image],
    });
    expect(await world.revisions('staging', 'web')).toEqual(['web-staging:1', 'web-staging:2']);
    const summary = run.summaries.map((s) => s.content).join('\n');
    expect(summary).toContain('### ✅ `web` deployed to `staging`');
    expect(summary).toContain(`| Image | \`${image}\` |`);
    expect(summary).toContain(`| Digest | \`${digest}\` |`);
    expect(summary).toContain('| Task definition | `web-staging:2` (was `web-staging:1`) |');
    expect(run.log).toContain(
      `IMAGE_TAG=${sha} ecspresso deploy --config .ecspresso/staging/web.yaml --wait-until=stable`,
    );
    expect(world.slack.payloads).toHaveLength(1);
    expect(JSON.stringify(world.slack.payloads[0])).toContain('success');
  });
});
