// main() with the real @actions/core against moto: a rejected revision is deregistered only when the
// service is steady on the one before and no service runs it.
import { join } from 'node:path';
import {
  CreateClusterCommand,
  CreateServiceCommand,
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
  runAction(run, { ...defaults, service: 'web', 'wait-timeout': '5s', ...inputs }, world.moto.env);
const status = async (arn: string) =>
  (await world.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition!
    .status;

it('deregisters the revisions registered after the deploy began, once the service is steady on the one before', async () => {
  // The service runs :1; the deploy registered :2, which ECS turned away.
  const [good, rejected] = await registerRevisions(world.ecs, 'cb-web', ['good', 'rejected']);
  await createService(world.ecs, 'cb', good!);
  const result = await go({ cluster: 'cb', 'steady-on': good!, 'newer-than': '1' });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({
    deregistered: rejected,
    reason: 'cb/web is back on cb-web:1; deregistered cb-web:2, so a rollback can never land on it',
  });
  expect(result.log).toContain(`deregistered ${rejected}`);
  expect(result.log).toContain('::notice title=Rejected revision deregistered::');
  expect(await status(rejected!)).toBe('INACTIVE');
  expect(await status(good!)).toBe('ACTIVE');
});

it('never deregisters a revision another service still runs', async () => {
  const [good, shared, rejected] = await registerRevisions(world.ecs, 'shared-web', [
    'good',
    'shared',
    'rejected',
  ]);
  await createService(world.ecs, 'shared', good!);
  await world.ecs.send(new CreateClusterCommand({ clusterName: 'elsewhere' }));
  await world.ecs.send(
    new CreateServiceCommand({
      cluster: 'elsewhere',
      serviceName: 'canary',
      taskDefinition: shared!,
      desiredCount: 1,
    }),
  );
  const result = await go({ cluster: 'shared', 'steady-on': 'shared-web:1', 'newer-than': '1' });
  expect(result.outputs['deregistered']).toBe(rejected);
  expect(result.outputs['reason']).toContain(
    'shared-web:2 stays registered: elsewhere/canary runs it',
  );
  expect(await status(shared!)).toBe('ACTIVE');
  expect(await status(rejected!)).toBe('INACTIVE');
});

it('deregisters nothing while the service runs another revision than steady-on', async () => {
  const [good, running] = await registerRevisions(world.ecs, 'moving-web', ['good', 'new']);
  await createService(world.ecs, 'moving', running!);
  const result = await go({ cluster: 'moving', 'steady-on': good!, 'newer-than': '1' });
  expect(result.outputs).toEqual({
    deregistered: '',
    reason:
      'moving/web runs moving-web:2, not moving-web:1: it is not back on the revision it ran, so nothing was deregistered',
  });
  expect(await status(running!)).toBe('ACTIVE');
});

it('deregisters a named revision (a rollback whose deploy ECS already reverted), and nothing when it is gone already', async () => {
  const [good, undone] = await registerRevisions(world.ecs, 'undo-web', ['good', 'bad']);
  await createService(world.ecs, 'undo', good!);
  const first = await go({ cluster: 'undo', 'steady-on': 'undo-web:1', revision: 'undo-web:2' });
  expect(first.outputs['deregistered']).toBe(undone);
  const again = await go({ cluster: 'undo', 'steady-on': 'undo-web:1', revision: undone! });
  expect(again.outputs).toEqual({
    deregistered: '',
    reason: 'undo/web is back on undo-web:1, and no rejected revision is registered',
  });
});

it.each([
  [{ revision: 'x:2', 'newer-than': '1' }, 'give exactly one of `revision`'],
  [{}, 'give exactly one of `revision`'],
  [{ 'newer-than': 'two' }, "newer-than must be a revision number, got 'two'"],
  [
    { revision: 'cb-web:1' },
    'the revision to deregister, cb-web:1, is the one the service must be back on',
  ],
  [
    { 'newer-than': '1', 'wait-timeout': '10' },
    "wait-timeout must be a number with a unit s, m or h (e.g. 10m), got '10'",
  ],
])('refuses %j', async (inputs, message) => {
  const result = await go({ cluster: 'cb', 'steady-on': 'cb-web:1', ...inputs });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(`::error::${message}`);
});
