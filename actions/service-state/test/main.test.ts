// main() with the real @actions/core against a moto server: what a service runs, and the guard.
import { join } from 'node:path';
import { DeregisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  actionDefaults,
  createService,
  IMAGE,
  registerRevisions,
  runAction,
  useEcsMoto,
} from '@doppio-dev/action-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { fakeEcspresso } from './fake-ecspresso.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const SIDECAR = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0';
const world = useEcsMoto();

const read = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction(run, { ...defaults, ...inputs }, { ...world.moto.env, ...env });

describe('a service on revision 2 of 2', () => {
  let arns: string[];
  beforeAll(async () => {
    arns = await registerRevisions(world.ecs, 'steady-web', ['aaa', 'bbb']);
    await createService(world.ecs, 'steady', arns[1]!);
  });

  it('outputs what it runs, and no guard answer when nothing is expected', async () => {
    const result = await read({ cluster: 'steady', service: 'web' });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      cluster: 'steady',
      service: 'web',
      'task-definition-arn': arns[1],
      family: 'steady-web',
      revision: '2',
      images: JSON.stringify([IMAGE('bbb'), SIDECAR]),
      running: 'true',
      'rollout-state': 'COMPLETED',
      'previous-task-definition': arns[0],
      'latest-revision': '2',
      'console-url':
        'https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/steady/services/web/health?region=ap-northeast-1',
    });
  });

  it.each([
    ['family:revision', 'steady-web:2'],
    ['full ARN', 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/steady-web:2'],
  ])('matches-expected is true for revision 2 given as %s', async (_, expected) => {
    const result = await read({
      cluster: 'steady',
      service: 'web',
      'expected-task-definition': expected,
    });
    expect(result.failed).toBe(false);
    expect(result.outputs['matches-expected']).toBe('true');
    expect(result.log).not.toContain('::warning::');
  });

  it('matches-expected is false for another revision', async () => {
    const result = await read({
      cluster: 'steady',
      service: 'web',
      'expected-task-definition': 'steady-web:1',
    });
    expect(result.outputs['matches-expected']).toBe('false');
  });
});

describe('a service moved back to revision 1 (as the circuit breaker does)', () => {
  let arns: string[];
  beforeAll(async () => {
    arns = await registerRevisions(world.ecs, 'reverted-web', ['good', 'bad']);
    await createService(world.ecs, 'reverted', arns[1]!);
    // moto stores the raw `family:revision` here and keeps the PRIMARY deployment on revision 2.
    await world.ecs.send(
      new UpdateServiceCommand({
        cluster: 'reverted',
        service: 'web',
        taskDefinition: 'reverted-web:1',
      }),
    );
  });

  it.each([
    ['family:revision', 'reverted-web:2'],
    ['full ARN', 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/reverted-web:2'],
  ])(
    'reads revision 1 from the service and answers matches-expected=false for revision 2 given as %s',
    async (_, expected) => {
      const result = await read({
        cluster: 'reverted',
        service: 'web',
        'expected-task-definition': expected,
      });
      expect(result.failed).toBe(false);
      expect(result.outputs['task-definition-arn']).toBe(arns[0]);
      expect(result.outputs['revision']).toBe('1');
      expect(result.outputs['images']).toBe(JSON.stringify([IMAGE('good'), SIDECAR]));
      expect(result.outputs['matches-expected']).toBe('false');
      expect(result.log).toContain(
        '::warning::reverted/web runs reverted-web:1, not reverted-web:2: the revision to undo is no longer running',
      );
      // The PRIMARY deployment still runs revision 2 in moto: the service is not steady on revision 1.
      expect(result.outputs['running']).toBe('false');
      expect(result.outputs['previous-task-definition']).toBe('');
      // Revision 2 is still registered: a deploy from here registers revision 3.
      expect(result.outputs['latest-revision']).toBe('2');
    },
  );
});

it('previous-task-definition skips deregistered revisions', async () => {
  const arns = await registerRevisions(world.ecs, 'gappy-web', ['r1', 'r2', 'r3']);
  await createService(world.ecs, 'gappy', arns[2]!);
  await world.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arns[1]! }));
  const result = await read({ cluster: 'gappy', service: 'web' });
  expect(result.outputs['previous-task-definition']).toBe(arns[0]);
});

describe('reading the names from an ecspresso config', () => {
  beforeAll(async () => {
    const arns = await registerRevisions(world.ecs, 'configured-web', ['one']);
    await createService(world.ecs, 'configured', arns[0]!);
  });

  it('renders the config with ecspresso and takes the region it names', async () => {
    const ecspresso = fakeEcspresso({
      stdout:
        'region: ap-northeast-1\ncluster: configured\nservice: web\ntask_definition: ecs-task-def.json\n',
    });
    const result = await read(
      { config: '.ecspresso/staging/config.yaml', ecspresso: ecspresso.path },
      { AWS_REGION: '', AWS_DEFAULT_REGION: '' },
    );
    expect(result.failed).toBe(false);
    expect(ecspresso.calls()).toEqual([
      ['render', 'config', '--config', '.ecspresso/staging/config.yaml'],
    ]);
    expect(result.outputs['cluster']).toBe('configured');
    expect(result.outputs['family']).toBe('configured-web');
  });

  it('a missing service names cluster, service, region and the config', async () => {
    const ecspresso = fakeEcspresso({ stdout: 'cluster: configured\nservice: wbe\n' });
    const result = await read({
      config: '.ecspresso/staging/config.yaml',
      ecspresso: ecspresso.path,
    });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '::error::service `wbe` not found in cluster `configured` (region ap-northeast-1): ECS says MISSING. The names come from the ecspresso config .ecspresso/staging/config.yaml. Check the names, the region and the AWS account of the role in use',
    );
    expect(result.outputs).toEqual({});
  });
});

it('a missing cluster is reported as the service not being found', async () => {
  const result = await read({ cluster: 'no-such-cluster', service: 'web' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error::service `web` not found in cluster `no-such-cluster` (region ap-northeast-1): cluster `no-such-cluster` does not exist.',
  );
});

it('a malformed expected-task-definition fails before ecspresso or ECS is asked anything', async () => {
  const ecspresso = fakeEcspresso({ stdout: 'cluster: steady\nservice: web\n' });
  const result = await read({
    config: 'cfg.yml',
    ecspresso: ecspresso.path,
    'expected-task-definition': 'steady-web',
  });
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::`expected-task-definition` must be a task definition ARN');
  expect(ecspresso.calls()).toEqual([]);
});

it('without any region it says where to set one', async () => {
  const result = await read(
    { cluster: 'steady', service: 'web' },
    { AWS_REGION: '', AWS_DEFAULT_REGION: '' },
  );
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::no AWS region: set `region`, or AWS_REGION');
});
