// What an ECS service runs now, read with DescribeServices and DescribeTaskDefinition.
//
// Which field is authoritative: the service's top-level `taskDefinition`. It is the task definition
// UpdateService (and a circuit-breaker rollback) last set, and it is exactly the field ecspresso
// rollback reads as "current": it rolls back from it, looks for the previous revision of its family
// and deregisters it afterwards (rollback.go, `sv.TaskDefinition`). The double-rollback guard must
// compare the revision ecspresso would act on, so it reads the same field. The PRIMARY deployment's
// task definition is only used to decide whether the service is steady (`running`): while it
// differs from the top-level field a deployment is still moving. (moto's UpdateService changes the
// top-level field but leaves the PRIMARY deployment alone, and stores the raw `family:revision`
// string; DescribeTaskDefinition turns whatever is stored into the canonical ARN.)
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { parseTaskDefinitionRef, sameRevision, type TaskDefinitionRef } from './task-definition-ref.js';
import type { ServiceTarget } from './target.js';

export interface ServiceState {
  readonly cluster: string;
  readonly service: string;
  readonly serviceArn: string;
  /** Canonical ARN of the service's task definition (the top-level field). */
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly revision: number;
  /** One image per container definition, in order. */
  readonly images: readonly string[];
  /** The PRIMARY deployment's rollout state (`COMPLETED`, `IN_PROGRESS`, `FAILED`); '' when ECS gives none. */
  readonly rolloutState: string;
  /** True when one deployment is left, it runs this task definition, it completed and every task runs. */
  readonly running: boolean;
  /** The newest ACTIVE revision of the family older than the running one, or undefined. */
  readonly previousTaskDefinitionArn: string | undefined;
}

export class ServiceNotFoundError extends Error {
  override readonly name = 'ServiceNotFoundError';
}

export async function readServiceState(client: ECSClient, target: ServiceTarget, region: string): Promise<ServiceState> {
  const service = await describeService(client, target, region);
  const stored = service.taskDefinition;
  if (!stored) {
    throw new Error(`service \`${target.service}\` in cluster \`${target.cluster}\` has no task definition (a service with the EXTERNAL deployment controller?): nothing to read or roll back`);
  }
  const td = (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: stored }))).taskDefinition;
  const current = td?.taskDefinitionArn ? parseTaskDefinitionRef(td.taskDefinitionArn) : undefined;
  if (!td?.taskDefinitionArn || !current) {
    throw new Error(`DescribeTaskDefinition gave no ARN for \`${stored}\`, the task definition of service \`${target.service}\``);
  }
  return {
    cluster: target.cluster,
    service: target.service,
    serviceArn: service.serviceArn ?? '',
    taskDefinitionArn: td.taskDefinitionArn,
    family: current.family,
    revision: current.revision,
    images: (td.containerDefinitions ?? []).map((c) => c.image ?? ''),
    rolloutState: primaryDeployment(service)?.rolloutState ?? '',
    running: isRunning(service, current),
    previousTaskDefinitionArn: await previousRevision(client, current),
  };
}

async function describeService(client: ECSClient, target: ServiceTarget, region: string): Promise<Service> {
  const missing = (why: string): ServiceNotFoundError =>
    new ServiceNotFoundError(
      `service \`${target.service}\` not found in cluster \`${target.cluster}\` (region ${region}): ${why}` +
        (target.config ? `. The names come from the ecspresso config ${target.config}` : '') +
        '. Check the names, the region and the AWS account of the role in use',
    );
  let services: Service[];
  let failure: string | undefined;
  try {
    const out = await client.send(new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }));
    services = out.services ?? [];
    failure = out.failures?.[0]?.reason;
  } catch (error) {
    if ((error as Error).name === 'ClusterNotFoundException') throw missing(`cluster \`${target.cluster}\` does not exist`);
    throw error;
  }
  const service = services[0];
  if (!service) throw missing(failure ? `ECS says ${failure}` : 'ECS returned no service');
  // DescribeServices still returns a deleted service for a while, with status INACTIVE.
  if (service.status === 'INACTIVE') throw missing('the service is INACTIVE (deleted)');
  return service;
}

function primaryDeployment(service: Service): { rolloutState?: string | undefined } | undefined {
  return service.deployments?.find((d) => d.status === 'PRIMARY');
}

/** Steady: nothing left to move, every desired task runs the service's task definition. */
export function isRunning(service: Service, current: TaskDefinitionRef): boolean {
  const tasksUp = (service.runningCount ?? 0) === (service.desiredCount ?? 0);
  const runs = (arn: string | undefined): boolean => {
    const ref = arn ? parseTaskDefinitionRef(arn) : undefined;
    return ref !== undefined && sameRevision(ref, current);
  };
  if (service.deploymentController?.type === 'CODE_DEPLOY') {
    // CodeDeploy services move task sets instead of deployments.
    const sets = service.taskSets ?? [];
    return sets.length === 1 && sets[0]!.status === 'PRIMARY' && sets[0]!.stabilityStatus === 'STEADY_STATE' && runs(sets[0]!.taskDefinition) && tasksUp;
  }
  const deployments = service.deployments ?? [];
  const primary = deployments[0];
  if (deployments.length !== 1 || primary?.status !== 'PRIMARY' || !runs(primary.taskDefinition)) return false;
  // Services without a rollout state (older ECS API answers) are steady when every task runs.
  return (primary.rolloutState === undefined || primary.rolloutState === 'COMPLETED') && tasksUp;
}

/**
 * The newest ACTIVE revision of the family older than `current`: the revision `ecspresso rollback`
 * goes back to when no deployment is in progress (it takes the ARN after the current one in
 * ListTaskDefinitions(familyPrefix, DESC), which lists ACTIVE revisions only). Exact family here;
 * filtered and sorted locally because moto ignores `sort` and paging.
 */
export async function previousRevision(client: ECSClient, current: TaskDefinitionRef): Promise<string | undefined> {
  let best: { arn: string; revision: number } | undefined;
  let nextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await client.send(new ListTaskDefinitionsCommand({ familyPrefix: current.family, status: 'ACTIVE', sort: 'DESC', nextToken }));
    for (const arn of out.taskDefinitionArns ?? []) {
      const ref = parseTaskDefinitionRef(arn);
      if (ref && ref.family === current.family && ref.revision < current.revision && (!best || ref.revision > best.revision)) best = { arn, revision: ref.revision };
    }
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return best?.arn;
}
