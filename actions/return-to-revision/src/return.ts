// Returning an ECS service to a recorded known-good revision. `ecspresso rollback` always goes to
// the previous revision, and `ecspresso deploy --skip-task-definition` would render the service
// definition with today's environment; so: UpdateService to exactly that revision, wait until the
// service is stable, confirm it runs that revision, and only then deregister the one it left. If
// the deployment circuit breaker moved the service back meanwhile, the revision it left is what
// runs, and it stays registered.
import {
  ClusterNotFoundException,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { formatRef, parseTaskDefinitionRef, waitUntilSteady } from '@doppio-dev/action-kit';

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

export async function returnToRevision(
  ecs: ECSClient,
  request: ReturnRequest,
  log: (line: string) => void,
): Promise<ReturnResult> {
  const { cluster, service } = request;
  const target = (
    await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: request.taskDefinition }))
  ).taskDefinition;
  if (!target?.taskDefinitionArn)
    throw new ReturnError(`task definition ${request.taskDefinition} not found`);
  if (target.status !== 'ACTIVE')
    throw new ReturnError(
      `${target.taskDefinitionArn} is ${target.status}: it was deregistered, and ECS cannot start tasks from it; pick an ACTIVE revision`,
    );
  const to = target.taskDefinitionArn;
  const from = await runningTaskDefinition(ecs, cluster, service);
  if (from === to) return { from, to, updated: false, deregistered: '' };
  // A known-good revision of another family is another service's task definition: a typo, or a
  // revision recorded for the wrong service.
  const [fromRef, toRef] = [parseTaskDefinitionRef(from), parseTaskDefinitionRef(to)];
  if (fromRef && toRef && fromRef.family !== toRef.family) {
    throw new ReturnError(
      `${formatRef(toRef)} is of the family ${toRef.family}, but ${cluster}/${service} runs ${formatRef(fromRef)} of the family ${fromRef.family}: a known-good revision must be of the service's own family; nothing was changed`,
    );
  }
  if (request.dryRun) {
    log(
      `dry run: would update ${cluster}/${service} from ${from} to ${to} and wait up to ${request.waitSeconds} s`,
    );
    return { from, to, updated: false, deregistered: '' };
  }
  await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: to }));
  log(
    `updated ${cluster}/${service} from ${from} to ${to}; waiting until it is stable (up to ${request.waitSeconds} s)`,
  );
  const unsteady = await waitUntilSteady(ecs, cluster, service, request.waitSeconds);
  if (unsteady)
    throw new ReturnError(
      `${cluster}/${service} did not become stable on ${to} within ${request.waitSeconds} s (${unsteady}); ${from} was not deregistered`,
    );
  const now = await runningTaskDefinition(ecs, cluster, service);
  if (now !== to)
    throw new ReturnError(
      `${cluster}/${service} runs ${now}, not ${to}, after the update (the deployment circuit breaker may have moved it back); ${from} was not deregistered`,
    );
  if (!request.deregisterPrevious) return { from, to, updated: true, deregistered: '' };
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: from }));
  log(`deregistered ${from}`);
  return { from, to, updated: true, deregistered: from };
}

async function runningTaskDefinition(
  ecs: ECSClient,
  cluster: string,
  service: string,
): Promise<string> {
  let found: Service | undefined;
  try {
    found = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
      .services?.[0];
  } catch (error) {
    if (error instanceof ClusterNotFoundException)
      throw new ReturnError(`the cluster ${cluster} does not exist`);
    throw error;
  }
  if (!found?.taskDefinition || found.status === 'INACTIVE')
    throw new ReturnError(`the service ${cluster}/${service} does not exist`);
  return found.taskDefinition;
}
