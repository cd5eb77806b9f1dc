// Builds an ECS world in moto: a cluster, a family with a few revisions, a service on one of them.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { startMoto, type Moto } from './moto.js';
import { afterAll, beforeAll } from 'vitest';

function ecsClient(moto: Moto): ECSClient {
  return new ECSClient({
    region: moto.env['AWS_REGION']!,
    endpoint: moto.endpoint,
    credentials: {
      accessKeyId: moto.env['AWS_ACCESS_KEY_ID']!,
      secretAccessKey: moto.env['AWS_SECRET_ACCESS_KEY']!,
    },
  });
}

export const IMAGE = (tag: string): string =>
  `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web:${tag}`;

/** Registers one revision per tag (revision n runs IMAGE(tags[n-1]) plus a sidecar); returns their ARNs. */
export async function registerRevisions(
  ecs: ECSClient,
  family: string,
  tags: readonly string[],
): Promise<string[]> {
  const arns: string[] = [];
  for (const tag of tags) {
    const out = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        containerDefinitions: [
          { name: 'app', image: IMAGE(tag), memory: 128, essential: true },
          {
            name: 'log-router',
            image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0',
            memory: 64,
            essential: false,
          },
        ],
      }),
    );
    arns.push(out.taskDefinition!.taskDefinitionArn!);
  }
  return arns;
}

/** A cluster with a service named `web` on `taskDefinition`. */
export async function createService(
  ecs: ECSClient,
  cluster: string,
  taskDefinition: string,
): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await ecs.send(
    new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition, desiredCount: 1 }),
  );
}

/** A moto server for ECS tests and a client on it. With one running task per service moto reports
 *  deployments COMPLETED, as ECS does once a service is steady. `stop()` ends both. */
export async function startEcsMoto(): Promise<{
  readonly moto: Moto;
  readonly ecs: ECSClient;
  stop(): Promise<void>;
}> {
  const moto = await startMoto({ env: { MOTO_ECS_SERVICE_RUNNING: '1' } });
  const ecs = ecsClient(moto);
  return {
    moto,
    ecs,
    stop: async () => {
      ecs.destroy();
      await moto.stop();
    },
  };
}

/** startEcsMoto for the tests of one file: started before them, stopped after them. */
export function useEcsMoto(): { readonly moto: Moto; readonly ecs: ECSClient } {
  let world: Awaited<ReturnType<typeof startEcsMoto>> | undefined;
  beforeAll(async () => {
    world = await startEcsMoto();
  });
  afterAll(async () => {
    await world?.stop();
  });
  const started = () => {
    if (world === undefined) throw new Error('useEcsMoto: moto is started in beforeAll');
    return world;
  };
  return {
    get moto() {
      return started().moto;
    },
    get ecs() {
      return started().ecs;
    },
  };
}
