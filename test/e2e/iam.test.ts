// The suite's IAM enforcement is real: a role gets exactly its workflows' actions from
// workflows/iam.yml, and moto refuses anything else once enforcement is on.
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto, type Moto } from '@doppio-dev/action-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionsOf, enforceIam, provisionIam, readPermissions } from './harness/iam.js';
import { ACCOUNT, LAUNCHER, role } from './harness/world.js';

let moto: Moto;
const region = 'ap-northeast-1';
beforeAll(async () => {
  moto = await startMoto({ launcher: LAUNCHER });
});
afterAll(() => moto?.stop());

it('lists, per workflow, only actions named service:Operation', () => {
  const permissions = readPermissions();
  expect(Object.keys(permissions).sort()).toEqual([
    'build-push',
    'deploy-ecspresso',
    'notify-conclusion',
    'rollback',
  ]);
  for (const action of actionsOf(permissions, Object.keys(permissions)))
    expect(action).toMatch(/^[a-z-]+:[A-Z][A-Za-z]+$/);
  expect(actionsOf(permissions, ['notify-conclusion'])).toEqual([]);
});

it('gives a role its workflows’ actions and nothing else, once enforced', async () => {
  const bootstrap = {
    region,
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const iam = new IAMClient(bootstrap);
  const { oidc } = await provisionIam(
    () => iam,
    [{ arn: role('build'), workflows: ['build-push'] }],
    { home: ACCOUNT, admin: 'admin', accounts: [ACCOUNT] },
  );
  iam.destroy();
  const bootstrapSts = new STSClient(bootstrap);
  const admin = (
    await bootstrapSts.send(
      new AssumeRoleCommand({ RoleArn: role('admin'), RoleSessionName: 'e2e' }),
    )
  ).Credentials!;
  bootstrapSts.destroy();
  await enforceIam(moto.endpoint);

  const sts = new STSClient({ region, endpoint: moto.endpoint, credentials: oidc });
  const assumed = (
    await sts.send(new AssumeRoleCommand({ RoleArn: role('build'), RoleSessionName: 'e2e' }))
  ).Credentials!;
  const credentials = {
    accessKeyId: assumed.AccessKeyId!,
    secretAccessKey: assumed.SecretAccessKey!,
    sessionToken: assumed.SessionToken!,
  };
  // build-push has no business with ECS, and in ECR only with images: refused in ECS's own terms
  // (moto-patches.test.ts: access-denied-in-the-service-protocol), naming the missing action.
  const ecs = new ECSClient({ region, endpoint: moto.endpoint, credentials });
  await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('is not authorized to perform: ecs:ListClusters'),
  });
  const ecr = new ECRClient({ region, endpoint: moto.endpoint, credentials });
  await expect(ecr.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('ecr:DescribeRepositories'),
  });
  // What iam.yml gives it is allowed (a missing repository is not a refusal).
  await expect(
    ecr.send(new DescribeImagesCommand({ repositoryName: 'nothing' })),
  ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  // The suite's own administrator role may read everything, also after enforcement.
  const adminEcs = new ECSClient({
    region,
    endpoint: moto.endpoint,
    credentials: {
      accessKeyId: admin.AccessKeyId!,
      secretAccessKey: admin.SecretAccessKey!,
      sessionToken: admin.SessionToken!,
    },
  });
  await expect(
    adminEcs.send(new ListServicesCommand({ cluster: 'default' })),
  ).rejects.toMatchObject({ name: 'ClusterNotFoundException' });
  for (const client of [sts, ecs, ecr, adminEcs]) client.destroy();
});
