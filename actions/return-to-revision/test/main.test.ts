// main() with the real @actions/core against a moto server: the service is moved to the known-good
// revision, and the revision it left is deregistered only once it is confirmed on the new one.
import { join } from 'node:path';
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  actionDefaults,
  createService,
  registerRevisions,
  runAction,
  useEcsMoto,
} from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const world = useEcsMoto();

const go = (inputs: Record<string, string>) =>
  runAction(run, { ...defaults, service: 'web', ...inputs }, world.moto.env);
const runs = async (cluster: string) =>
  (await world.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services![0]!
    .taskDefinition;
const status = async (arn: string) =>
  (await world.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition!
    .status;

it('moves the service to the known-good revision, then deregisters the one it left', async () => {
  const arns = await registerRevisions(world.ecs, 'back-web', ['good', 'bad']);
  await createService(world.ecs, 'back', arns[1]!);
  const result = await go({ cluster: 'back', 'task-definition': 'back-web:1' });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({
    'from-task-definition': arns[1],
    'task-definition-arn': arns[0],
    updated: 'true',
    deregistered: arns[1],
  });
  expect(await runs('back')).toBe(arns[0]);
  expect(await status(arns[1]!)).toBe('INACTIVE');
  console.log(`deregistered ${arns[1]}`);
});

it('keeps the revision it left when asked to', async () => {
  const arns = await registerRevisions(world.ecs, 'keep-web', ['good', 'bad']);
  await createService(world.ecs, 'keep', arns[1]!);
  const result = await go({
    cluster: 'keep',
    'task-definition': arns[0]!,
    'deregister-previous': 'false',
  });
  expect(result.outputs).toMatchObject({ updated: 'true', deregistered: '' });
  expect(await runs('keep')).toBe(arns[0]);
  expect(await status(arns[1]!)).toBe('ACTIVE');
});

it('a dry run changes nothing', async () => {
  const arns = await registerRevisions(world.ecs, 'dry-web', ['good', 'bad']);
  await createService(world.ecs, 'dry', arns[1]!);
  const result = await go({ cluster: 'dry', 'task-definition': 'dry-web:1', 'dry-run': 'true' });
  expect(result.outputs).toMatchObject({ updated: 'false', deregistered: '' });
  expect(result.log).toContain(`dry run: would update dry/web from ${arns[1]} to ${arns[0]}`);
  expect(await runs('dry')).toBe(arns[1]);
  expect(await status(arns[1]!)).toBe('ACTIVE');
});

it('does nothing when the service already runs the known-good revision', async () => {
  const arns = await registerRevisions(world.ecs, 'same-web', ['good']);
  await createService(world.ecs, 'same', arns[0]!);
  const result = await go({ cluster: 'same', 'task-definition': 'same-web:1' });
  expect(result.outputs).toEqual({
    'from-task-definition': arns[0],
    'task-definition-arn': arns[0],
    updated: 'false',
    deregistered: '',
  });
  expect(await status(arns[0]!)).toBe('ACTIVE');
});

it('refuses a deregistered revision, before touching the service', async () => {
  const arns = await registerRevisions(world.ecs, 'gone-web', ['good', 'bad']);
  await createService(world.ecs, 'gone', arns[1]!);
  await world.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arns[0]! }));
  const result = await go({ cluster: 'gone', 'task-definition': 'gone-web:1' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    `::error::${arns[0]} is INACTIVE: it was deregistered, and ECS cannot start tasks from it; pick an ACTIVE revision`,
  );
  expect(await runs('gone')).toBe(arns[1]);
  expect(result.outputs).toEqual({});
});

it('says what is wrong with the wait and a missing service', async () => {
  expect(
    (await go({ cluster: 'back', 'task-definition': 'back-web:1', 'wait-timeout': '10' })).log,
  ).toContain("::error::wait-timeout must be a number with a unit s, m or h (e.g. 10m), got '10'");
  const arns = await registerRevisions(world.ecs, 'none-web', ['good']);
  const noCluster = await go({ cluster: 'nowhere', 'task-definition': arns[0]! });
  expect(noCluster.failed).toBe(true);
  expect(noCluster.log).toContain('::error::the cluster nowhere does not exist');
  const noService = await go({ cluster: 'back', service: 'api', 'task-definition': arns[0]! });
  expect(noService.log).toContain('::error::the service back/api does not exist');
});

it('refuses a known-good revision of another family than the service runs, changing nothing', async () => {
  const own = await registerRevisions(world.ecs, 'family-web', ['good', 'bad']);
  const other = await registerRevisions(world.ecs, 'family-worker', ['worker']);
  await createService(world.ecs, 'family', own[1]!);
  const result = await go({ cluster: 'family', 'task-definition': 'family-worker:1' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    "::error::family-worker:1 is of the family family-worker, but family/web runs family-web:2 of the family family-web: a known-good revision must be of the service's own family; nothing was changed",
  );
  expect(await runs('family')).toBe(own[1]);
  expect(await status(own[1]!)).toBe('ACTIVE');
  expect(await status(other[0]!)).toBe('ACTIVE');
});
