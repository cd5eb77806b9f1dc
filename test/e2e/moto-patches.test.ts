// Each fidelity patch of test/e2e/moto/doppio_moto.py, through the AWS SDK against the launcher:
// what ECS does, which moto alone does not.
import { execFileSync } from 'node:child_process';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto, type Moto } from '@doppio-dev/action-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER } from './harness/world.js';

let moto: Moto;
let ecs: ECSClient;
beforeAll(async () => {
  moto = await startMoto({ launcher: LAUNCHER, env: { MOTO_ECS_SERVICE_RUNNING: '1' } });
  ecs = new ECSClient({
    region: 'ap-northeast-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});
afterAll(async () => {
  ecs.destroy();
  await moto.stop();
});

const arn = (family: string, revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/${family}:${revision}`;

async function register(family: string, tasks: 'start' | 'fail' = 'start'): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [
        { name: 'app', image: 'app:1', memory: 128, dockerLabels: { 'doppio.e2e/tasks': tasks } },
      ],
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}

async function service(cluster: string, name: string, circuitBreaker: boolean): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      taskDefinition: await register(name),
      desiredCount: 1,
    }),
  );
  // moto's CreateService drops deploymentConfiguration; ecspresso sets it with UpdateService too.
  await ecs.send(
    new UpdateServiceCommand({
      cluster,
      service: name,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: circuitBreaker, rollback: circuitBreaker },
      },
    }),
  );
}

async function describe1(cluster: string, name: string) {
  return (await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))).services![0]!;
}

it('lists every patch with a one-line reason', () => {
  const listed = execFileSync('python3', [LAUNCHER, '--list'], { encoding: 'utf8' })
    .trim()
    .split('\n');
  expect(listed.map((line) => line.split(':')[0])).toEqual([
    'list-task-definitions-sort-and-paging',
    'update-service-moves-primary-deployment',
    'deployment-circuit-breaker',
    'service-deployment-apis',
    'ecr-cross-account-registry',
    'access-denied-in-the-service-protocol',
  ]);
});

describe('list-task-definitions-sort-and-paging', () => {
  it('sorts by revision, descending on request, pages with maxResults/nextToken, and keeps familyPrefix the full family name', async () => {
    for (let i = 0; i < 3; i++) await register('paged');
    await register('paged-other');
    const desc = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'paged', sort: 'DESC', maxResults: 2 }),
    );
    expect(desc.taskDefinitionArns).toEqual([arn('paged', 3), arn('paged', 2)]);
    const rest = await ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: 'paged',
        sort: 'DESC',
        maxResults: 2,
        nextToken: desc.nextToken,
      }),
    );
    expect(rest.taskDefinitionArns).toEqual([arn('paged', 1)]);
    expect(rest.nextToken).toBeUndefined();
    const asc = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'paged' }));
    expect(asc.taskDefinitionArns).toEqual([arn('paged', 1), arn('paged', 2), arn('paged', 3)]);
  });
});

describe('update-service-moves-primary-deployment', () => {
  it('stores the full ARN and moves the PRIMARY deployment to the new revision, completed', async () => {
    await service('primary', 'web', false);
    const next = await register('web');
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'primary', service: 'web', taskDefinition: 'web:2' }),
    );
    const described = await describe1('primary', 'web');
    expect(described.taskDefinition).toBe(next);
    expect(described.deployments).toHaveLength(1);
    expect(described.deployments![0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: next,
      rolloutState: 'COMPLETED',
      runningCount: 1,
      desiredCount: 1,
    });
  });
});

describe('deployment-circuit-breaker', () => {
  it('with rollback on, returns a service whose new tasks fail to start to the revision it ran', async () => {
    await service('breaker', 'api', true);
    await register('api', 'fail');
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'breaker', service: 'api', taskDefinition: 'api:2' }),
    );
    const described = await describe1('breaker', 'api');
    expect(described.taskDefinition).toBe(arn('api', 1));
    expect(described.deployments![0]).toMatchObject({
      taskDefinition: arn('api', 1),
      rolloutState: 'COMPLETED',
    });
    expect(described.events![0]!.message).toContain('rolling back');
  });

  it('without it, leaves the deployment in progress with no task running', async () => {
    await service('stuck', 'api', false);
    await register('api', 'fail');
    const failing = (
      await ecs.send(
        new ListTaskDefinitionsCommand({ familyPrefix: 'api', sort: 'DESC', maxResults: 1 }),
      )
    ).taskDefinitionArns![0]!;
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'stuck', service: 'api', taskDefinition: failing }),
    );
    const described = await describe1('stuck', 'api');
    expect(described.taskDefinition).toBe(failing);
    expect(described).toMatchObject({ runningCount: 0 });
    expect(described.deployments![0]).toMatchObject({
      taskDefinition: failing,
      rolloutState: 'IN_PROGRESS',
      runningCount: 0,
    });
  });
});

describe('service-deployment-apis', () => {
  it('records a deployment per change of revision, newest first, with the circuit breaker verdict', async () => {
    await service('deployments', 'worker', true);
    await register('worker');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'deployments',
        service: 'worker',
        taskDefinition: 'worker:2',
      }),
    );
    await register('worker', 'fail');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'deployments',
        service: 'worker',
        taskDefinition: 'worker:3',
      }),
    );
    // Neither an unchanged revision nor another service adds one.
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'deployments', service: 'worker', desiredCount: 1 }),
    );

    const listed = (
      await ecs.send(
        new ListServiceDeploymentsCommand({ cluster: 'deployments', service: 'worker' }),
      )
    ).serviceDeployments!;
    expect(listed.map((d) => [d.targetServiceRevisionArn, d.status])).toEqual([
      [arn('worker', 3), 'ROLLBACK_SUCCESSFUL'],
      [arn('worker', 2), 'SUCCESSFUL'],
      [arn('worker', 1), 'SUCCESSFUL'],
    ]);
    expect(listed[0]!.createdAt!.getTime()).toBeGreaterThanOrEqual(listed[1]!.createdAt!.getTime());
    const failed = (
      await ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: 'deployments',
          service: 'worker',
          status: ['ROLLBACK_SUCCESSFUL'],
        }),
      )
    ).serviceDeployments!;
    expect(failed).toHaveLength(1);

    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [
          failed[0]!.serviceDeploymentArn!,
          'arn:aws:ecs:ap-northeast-1:123456789012:service-deployment/x/y/z',
        ],
      }),
    );
    expect(described.serviceDeployments![0]).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      sourceServiceRevisions: [{ arn: arn('worker', 2) }],
      targetServiceRevision: { arn: arn('worker', 3) },
      rollback: { serviceRevisionArn: arn('worker', 2) },
    });
    expect(described.failures).toEqual([
      {
        arn: 'arn:aws:ecs:ap-northeast-1:123456789012:service-deployment/x/y/z',
        reason: 'MISSING',
      },
    ]);
  });
});

describe('ecr-cross-account-registry', () => {
  it('serves a request naming another registry from that account, as a shared registry does', async () => {
    const sts = new STSClient({
      region: 'ap-northeast-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const ecrIn = async (account: string): Promise<ECRClient> => {
      const c = (
        await sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${account}:role/x`,
            RoleSessionName: 'e2e',
          }),
        )
      ).Credentials!;
      return new ECRClient({
        region: 'ap-northeast-1',
        endpoint: moto.endpoint,
        credentials: {
          accessKeyId: c.AccessKeyId!,
          secretAccessKey: c.SecretAccessKey!,
          sessionToken: c.SessionToken!,
        },
      });
    };
    const [shared, production] = [await ecrIn('333333333333'), await ecrIn('222222222222')];
    await shared.send(new CreateRepositoryCommand({ repositoryName: 'service' }));
    const digest = `sha256:${'e'.repeat(64)}`;
    await shared.send(
      new PutImageCommand({
        repositoryName: 'service',
        imageTag: 'v1',
        imageDigest: digest,
        imageManifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          layers: [],
        }),
      }),
    );
    const seen = await production.send(
      new DescribeImagesCommand({
        registryId: '333333333333',
        repositoryName: 'service',
        imageIds: [{ imageTag: 'v1' }],
      }),
    );
    expect(seen.imageDetails?.[0]).toMatchObject({
      registryId: '333333333333',
      imageDigest: digest,
    });
    // Without the registry named, the caller's own account (which has no such repository) answers.
    await expect(
      production.send(
        new DescribeImagesCommand({ repositoryName: 'service', imageIds: [{ imageTag: 'v1' }] }),
      ),
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
    for (const client of [sts, shared, production]) client.destroy();
  });
});
