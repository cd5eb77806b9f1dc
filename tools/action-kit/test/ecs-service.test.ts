// When a service is steady, and a family's revisions: the rules moto cannot show.
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { isRunning, previousRevision } from '../src/ecs-service.js';

const ARN = (rev: number, family = 'web'): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/${family}:${rev}`;
const current = { family: 'web', revision: 5 };

describe('isRunning', () => {
  const steady: Service = {
    desiredCount: 2,
    runningCount: 2,
    deployments: [{ status: 'PRIMARY', taskDefinition: ARN(5), rolloutState: 'COMPLETED' }],
  };

  it('is true for one COMPLETED PRIMARY deployment of the service’s revision with every task up', () => {
    expect(isRunning(steady, current)).toBe(true);
  });

  it.each<[string, Service]>([
    [
      'a deployment still in progress',
      {
        ...steady,
        deployments: [{ status: 'PRIMARY', taskDefinition: ARN(5), rolloutState: 'IN_PROGRESS' }],
      },
    ],
    [
      'a failed rollout',
      {
        ...steady,
        deployments: [{ status: 'PRIMARY', taskDefinition: ARN(5), rolloutState: 'FAILED' }],
      },
    ],
    [
      'an ACTIVE deployment beside the PRIMARY',
      {
        ...steady,
        deployments: [
          ...steady.deployments!,
          { status: 'ACTIVE', taskDefinition: ARN(4), rolloutState: 'COMPLETED' },
        ],
      },
    ],
    [
      'a PRIMARY deployment of another revision',
      {
        ...steady,
        deployments: [{ status: 'PRIMARY', taskDefinition: ARN(4), rolloutState: 'COMPLETED' }],
      },
    ],
    ['tasks missing', { ...steady, runningCount: 1 }],
    ['no deployment at all', { ...steady, deployments: [] }],
  ])('is false with %s', (_, service) => {
    expect(isRunning(service, current)).toBe(false);
  });

  it('accepts a PRIMARY deployment without a rollout state when every task runs', () => {
    expect(
      isRunning(
        { ...steady, deployments: [{ status: 'PRIMARY', taskDefinition: ARN(5) }] },
        current,
      ),
    ).toBe(true);
  });

  it('reads task sets for CodeDeploy services', () => {
    const codeDeploy: Service = {
      desiredCount: 1,
      runningCount: 1,
      deploymentController: { type: 'CODE_DEPLOY' },
      taskSets: [{ status: 'PRIMARY', taskDefinition: ARN(5), stabilityStatus: 'STEADY_STATE' }],
    };
    expect(isRunning(codeDeploy, current)).toBe(true);
    expect(
      isRunning(
        {
          ...codeDeploy,
          taskSets: [{ ...codeDeploy.taskSets![0]!, stabilityStatus: 'STABILIZING' }],
        },
        current,
      ),
    ).toBe(false);
  });
});

it('previousRevision keeps to the exact family across pages, whatever the order', async () => {
  const pages = [
    { taskDefinitionArns: [ARN(9, 'web-worker'), ARN(3), ARN(7), ARN(5)], nextToken: 'p2' },
    { taskDefinitionArns: [ARN(4), ARN(1), ARN(6, 'web-worker')] },
  ];
  const requests: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      requests.push(command.input);
      return pages[requests.length - 1];
    },
  } as unknown as ECSClient;
  expect(await previousRevision(client, current)).toBe(ARN(4));
  expect(requests).toEqual([
    { familyPrefix: 'web', status: 'ACTIVE', sort: 'DESC', nextToken: undefined },
    { familyPrefix: 'web', status: 'ACTIVE', sort: 'DESC', nextToken: 'p2' },
  ]);
});
