// Returning an ECS service to a recorded known-good revision. `ecspresso rollback` always goes to
// the previous revision, and `ecspresso deploy --skip-task-definition` would render the service
// definition with today's environment; so: UpdateService to exactly that revision, wait until the
// service is stable, confirm it runs that revision, and only then deregister the one it left. If
// the deployment circuit breaker moved the service back meanwhile, the revision it left is what
// runs, and it stays registered.
import { ClusterNotFoundException, DeregisterTaskDefinitionCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, UpdateServiceCommand, waitUntilServicesStable, type ECSClient, type Service } from '@aws-sdk/client-ecs';

export class ReturnError extends Error {}

export interface ReturnRequest {
  readonly cluster: string;
  readonly service: string;
  /** The known-good revision, as an ARN or `family:revision`. */
  readonly taskDefinition: string;
  readonly deregisterPrevious: boolean;
  readonly waitSeconds: number;
  readonly dryRun: boolean;
}

export interface ReturnResult {
  /** The revision the service ran before. */
  readonly from: string;
  /** The known-good revision's ARN. */
  readonly to: string;
  /** False when the service already ran it, or in a dry run. */
  readonly updated: boolean;
  /** The ARN deregistered, '' when none. */
  readonly deregistered: string;
}

/** Seconds of a wait such as `90s`, `10m` or `1h` (what rollback.yml's `wait-timeout` allows). */
export function parseWait(text: string): number {
  const match = /^([1-9][0-9]*)([smh])$/.exec(text);
  if (!match) throw new ReturnError(`wait-timeout must be a number with a unit s, m or h (e.g. 10m), got '${text}'`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}

export async function returnToRevision(ecs: ECSClient, request: ReturnRequest, log: (line: string) => void): Promise<ReturnResult> {
  const { cluster, service } = request;
  const target = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: request.taskDefinition }))).taskDefinition;
  if (!target?.taskDefinitionArn) throw new ReturnError(`task definition ${request.taskDefinition} not found`);
  if (target.status !== 'ACTIVE') throw new ReturnError(`${target.taskDefinitionArn} is ${target.status}: it was deregistered, and ECS cannot start tasks from it; pick an ACTIVE revision`);
  const to = target.taskDefinitionArn;
  const from = await runningTaskDefinition(ecs, cluster, service);
  if (from === to) return { from, to, updated: false, deregistered: '' };
  if (request.dryRun) {
    log(`dry run: would update ${cluster}/${service} from ${from} to ${to} and wait up to ${request.waitSeconds} s`);
    return { from, to, updated: false, deregistered: '' };
  }
  await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: to }));
  log(`updated ${cluster}/${service} from ${from} to ${to}; waiting until it is stable (up to ${request.waitSeconds} s)`);
  try {
    // The SDK's 15 s first delay suits minutes-long waits; a short wait polls sooner.
    const minDelay = Math.min(15, Math.max(1, Math.floor(request.waitSeconds / 4)));
    await waitUntilServicesStable({ client: ecs, maxWaitTime: request.waitSeconds, minDelay, maxDelay: Math.max(minDelay, Math.min(120, request.waitSeconds)) }, { cluster, services: [service] });
  } catch (error) {
    throw new ReturnError(`${cluster}/${service} did not become stable on ${to} within ${request.waitSeconds} s (${firstLine(error)}); ${from} was not deregistered`);
  }
  const now = await runningTaskDefinition(ecs, cluster, service);
  if (now !== to) throw new ReturnError(`${cluster}/${service} runs ${now}, not ${to}, after the update (the deployment circuit breaker may have moved it back); ${from} was not deregistered`);
  if (!request.deregisterPrevious) return { from, to, updated: true, deregistered: '' };
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: from }));
  log(`deregistered ${from}`);
  return { from, to, updated: true, deregistered: from };
}

async function runningTaskDefinition(ecs: ECSClient, cluster: string, service: string): Promise<string> {
  let found: Service | undefined;
  try {
    found = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))).services?.[0];
  } catch (error) {
    if (error instanceof ClusterNotFoundException) throw new ReturnError(`the cluster ${cluster} does not exist`);
    throw error;
  }
  if (!found?.taskDefinition || found.status === 'INACTIVE') throw new ReturnError(`the service ${cluster}/${service} does not exist`);
  return found.taskDefinition;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
