// The branches moto cannot play: the service seen on another revision after the update (the
// deployment circuit breaker moved it back), and a service that never becomes stable. A scripted
// client answers each command; what matters is that nothing is deregistered then.
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  UpdateServiceCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ReturnError, returnToRevision, type ReturnRequest } from '../src/return.js';

const GOOD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:40';
const BAD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:42';
const request: ReturnRequest = {
  cluster: 'prod',
  service: 'web',
  taskDefinition: 'web:40',
  deregisterPrevious: true,
  waitSeconds: 5,
  dryRun: false,
};

/** A client whose DescribeServices answers come from `runs` in turn (the last one repeats). */
function scripted(runs: readonly { taskDefinition: string; deployments: number }[]) {
  const sent: string[] = [];
  let described = 0;
  const client = {
    send: async (command: unknown) => {
      sent.push((command as object).constructor.name);
      if (command instanceof DescribeTaskDefinitionCommand)
        return { taskDefinition: { taskDefinitionArn: GOOD, status: 'ACTIVE' } };
      if (command instanceof DescribeServicesCommand) {
        const now = runs[Math.min(described++, runs.length - 1)]!;
        return {
          services: [
            {
              status: 'ACTIVE',
              taskDefinition: now.taskDefinition,
              desiredCount: 1,
              runningCount: 1,
              deployments: Array.from({ length: now.deployments }, () => ({})),
            },
          ],
          failures: [],
        };
      }
      if (
        command instanceof UpdateServiceCommand ||
        command instanceof DeregisterTaskDefinitionCommand
      )
        return {};
      throw new Error(`unexpected ${String(command)}`);
    },
  };
  return { client: client as unknown as ECSClient, sent };
}

describe('returnToRevision', () => {
  it('deregisters the revision it left only after seeing the service on the known-good one', async () => {
    const { client, sent } = scripted([
      { taskDefinition: BAD, deployments: 1 },
      { taskDefinition: GOOD, deployments: 1 },
    ]);
    expect(await returnToRevision(client, request, () => undefined)).toEqual({
      from: BAD,
      to: GOOD,
      updated: true,
      deregistered: BAD,
    });
    expect(sent.at(-1)).toBe('DeregisterTaskDefinitionCommand');
  });

  it('deregisters nothing when the service runs another revision after the update', async () => {
    const { client, sent } = scripted([{ taskDefinition: BAD, deployments: 1 }]);
    await expect(returnToRevision(client, request, () => undefined)).rejects.toThrow(
      new ReturnError(
        `prod/web runs ${BAD}, not ${GOOD}, after the update (the deployment circuit breaker may have moved it back); ${BAD} was not deregistered`,
      ),
    );
    expect(sent).not.toContain('DeregisterTaskDefinitionCommand');
  });

  it('deregisters nothing when the service does not become stable in time', async () => {
    const { client, sent } = scripted([
      { taskDefinition: BAD, deployments: 1 },
      { taskDefinition: GOOD, deployments: 2 },
    ]);
    await expect(
      returnToRevision(client, { ...request, waitSeconds: 3 }, () => undefined),
    ).rejects.toThrow(
      /^prod\/web did not become stable on .*web:40 within 3 s \(.*TIMEOUT.*\); arn:.*web:42 was not deregistered$/,
    );
    expect(sent).not.toContain('DeregisterTaskDefinitionCommand');
  });
});
