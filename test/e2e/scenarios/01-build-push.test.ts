// Scenario 1: build-push builds once, tags the full commit SHA and pushes; a second run of the same
// commit builds nothing (the registry saw one push).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { World } from '../harness/world.js';

let world: World;
beforeAll(async () => {
  world = await World.start();
});
afterAll(() => world?.stop());

it('builds the commit once, as <repository>:<full sha>, and a second run builds nothing', async () => {
  const sha = world.repo.head();
  const image = `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service:${sha}`;

  const first = await world.run('build.yml');
  const digest = await world.imageDigest(sha);
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(world.registry.pushes()).toEqual([`service:${sha}`]);
  expect(first.needs['build']).toEqual({
    result: 'success',
    outputs: { image, 'image-tag': sha, digest, built: 'true' },
  });
  expect(first.summaries.map((s) => s.content).join('')).toContain(
    `### Image \`${image}\`\n\nBuilt and pushed (\`${digest}\`).`,
  );

  const second = await world.run('build.yml');
  expect(second.needs['build']).toEqual({
    result: 'success',
    outputs: { image, 'image-tag': sha, digest, built: 'false' },
  });
  expect(second.steps.filter((s) => s.step.startsWith('Build '))).toEqual([]);
  expect(world.registry.pushes()).toEqual([`service:${sha}`]);
  expect(second.summaries.map((s) => s.content).join('')).toContain('**not built again**');
});
