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
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  activeRevisions,
  isRunning,
  parseTaskDefinitionRef,
  primaryDeployment,
} from '@doppio-dev/action-kit';
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
  /** The newest ACTIVE revision number of the family (the running one or a newer one); a deploy
   *  registers the next. */
  readonly latestRevision: number;
}

export class ServiceNotFoundError extends Error {
  override readonly name = 'ServiceNotFoundError';
}

export async function readServiceState(
  client: ECSClient,
  target: ServiceTarget,
  region: string,
): Promise<ServiceState> {
  const service = await describeService(client, target, region);
  const stored = service.taskDefinition;
  if (!stored) {
    throw new Error(
      `service \`${target.service}\` in cluster \`${target.cluster}\` has no task definition (a service with the EXTERNAL deployment controller?): nothing to read or roll back`,
    );
  }
  const td = (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: stored })))
    .taskDefinition;
  const current = td?.taskDefinitionArn ? parseTaskDefinitionRef(td.taskDefinitionArn) : undefined;
  if (!td?.taskDefinitionArn || !current) {
    throw new Error(
      `DescribeTaskDefinition gave no ARN for \`${stored}\`, the task definition of service \`${target.service}\``,
    );
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
    ...(await revisionsAround(client, current.family, current.revision)),
  };
}

async function describeService(
  client: ECSClient,
  target: ServiceTarget,
  region: string,
): Promise<Service> {
  const missing = (why: string): ServiceNotFoundError =>
    new ServiceNotFoundError(
      `service \`${target.service}\` not found in cluster \`${target.cluster}\` (region ${region}): ${why}` +
        (target.config ? `. The names come from the ecspresso config ${target.config}` : '') +
        '. Check the names, the region and the AWS account of the role in use',
    );
  let services: Service[];
  let failure: string | undefined;
  try {
    const out = await client.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    );
    services = out.services ?? [];
    failure = out.failures?.[0]?.reason;
  } catch (error) {
    if ((error as Error).name === 'ClusterNotFoundException')
      throw missing(`cluster \`${target.cluster}\` does not exist`);
    throw error;
  }
  const service = services[0];
  if (!service) throw missing(failure ? `ECS says ${failure}` : 'ECS returned no service');
  // DescribeServices still returns a deleted service for a while, with status INACTIVE.
  if (service.status === 'INACTIVE') throw missing('the service is INACTIVE (deleted)');
  return service;
}

async function revisionsAround(
  client: ECSClient,
  family: string,
  revision: number,
): Promise<Pick<ServiceState, 'previousTaskDefinitionArn' | 'latestRevision'>> {
  const revisions = await activeRevisions(client, family);
  return {
    previousTaskDefinitionArn: revisions.find((r) => r.revision < revision)?.arn,
    latestRevision: Math.max(revision, revisions[0]?.revision ?? 0),
  };
}
