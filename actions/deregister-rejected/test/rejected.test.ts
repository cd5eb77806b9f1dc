// What moto cannot play: a service back on the old revision but not steady yet. A scripted client
// answers; nothing may be deregistered until the service is steady, and nothing at all if it never is.
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { expect, it } from 'vitest';
import { deregisterRejected } from '../src/rejected.js';

const ARN = (revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:${revision}`;
const steady = {
  status: 'ACTIVE',
  serviceName: 'web',
  taskDefinition: ARN(3),
  desiredCount: 1,
  runningCount: 1,
  deployments: [{ status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'COMPLETED' }],
};
const moving = {
  ...steady,
  runningCount: 0,
  deployments: [
    { status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'IN_PROGRESS' },
    { status: 'ACTIVE', taskDefinition: ARN(4) },
  ],
};

function scripted(services: readonly object[]) {
  const sent: string[] = [];
  let described = 0;
  const seen = { describedWhenDeregistering: -1 };
  const client = {
    send: async (command: unknown) => {
      sent.push((command as object).constructor.name);
      if (command instanceof DescribeServicesCommand)
        return { services: [services[Math.min(described++, services.length - 1)]], failures: [] };
      if (command instanceof ListTaskDefinitionsCommand)
        return { taskDefinitionArns: [ARN(4), ARN(3)] };
      if (command instanceof ListClustersCommand)
        return { clusterArns: ['arn:aws:ecs:ap-northeast-1:123456789012:cluster/prod'] };
      if (command instanceof ListServicesCommand)
        return { serviceArns: ['arn:aws:ecs:ap-northeast-1:123456789012:service/prod/web'] };
      if (command instanceof DeregisterTaskDefinitionCommand) {
        seen.describedWhenDeregistering = described;
        return {};
      }
      throw new Error(`unexpected ${String(command)}`);
    },
  };
  return { client: client as unknown as ECSClient, sent, seen };
}

const request = {
  cluster: 'prod',
  service: 'web',
  steadyOn: 'web:3',
  rejected: { newerThan: 3 },
  waitSeconds: 2,
};

it('waits until the service is steady on the old revision, then deregisters', async () => {
  const { client, seen } = scripted([moving, moving, steady]);
  const result = await deregisterRejected(client, request, () => undefined);
  expect(result.deregistered).toEqual([ARN(4)]);
  // Only after the third look, the first that found it steady (the scripted answers run out there).
  expect(seen.describedWhenDeregistering).toBeGreaterThanOrEqual(3);
});

it('deregisters nothing when the service never becomes steady', async () => {
  const { client, sent } = scripted([moving]);
  const result = await deregisterRejected(client, request, () => undefined);
  expect(result.deregistered).toEqual([]);
  expect(result.reason).toMatch(
    /^prod\/web did not become steady on web:3 within 2 s \(.*\), so nothing was deregistered$/,
  );
  expect(sent).not.toContain('DeregisterTaskDefinitionCommand');
});
