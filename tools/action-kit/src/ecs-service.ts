// What an ECS service runs and whether it is steady, and a family's ACTIVE revisions: read the same
// way by every action that looks at a service (service-state, deregister-rejected).
import {
  ListTaskDefinitionsCommand,
  type Deployment,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  parseTaskDefinitionRef,
  sameRevision,
  type TaskDefinitionRef,
} from './task-definition-ref.js';

export function primaryDeployment(service: Service): Deployment | undefined {
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
    return (
      sets.length === 1 &&
      sets[0]!.status === 'PRIMARY' &&
      sets[0]!.stabilityStatus === 'STEADY_STATE' &&
      runs(sets[0]!.taskDefinition) &&
      tasksUp
    );
  }
  const deployments = service.deployments ?? [];
  const primary = deployments[0];
  if (deployments.length !== 1 || primary?.status !== 'PRIMARY' || !runs(primary.taskDefinition))
    return false;
  // Services without a rollout state (older ECS API answers) are steady when every task runs.
  return (primary.rolloutState === undefined || primary.rolloutState === 'COMPLETED') && tasksUp;
}

export interface Revision extends TaskDefinitionRef {
  readonly arn: string;
}

/**
 * The ACTIVE revisions of exactly `family`, newest first. ListTaskDefinitions(familyPrefix) names
 * the full family in ECS; the family is still checked, and the order made here, so a looser answer
 * (moto's, say) cannot mislead.
 */
export async function activeRevisions(client: ECSClient, family: string): Promise<Revision[]> {
  const found: Revision[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await client.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family,
        status: 'ACTIVE',
        sort: 'DESC',
        nextToken,
      }),
    );
    for (const arn of out.taskDefinitionArns ?? []) {
      const ref = parseTaskDefinitionRef(arn);
      if (ref?.family === family) found.push({ ...ref, arn });
    }
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return found.sort((a, b) => b.revision - a.revision);
}

/**
 * The newest ACTIVE revision of the family older than `current`: the revision `ecspresso rollback`
 * goes back to when no deployment is in progress (it takes the ARN after the current one in
 * ListTaskDefinitions(familyPrefix, DESC), which lists ACTIVE revisions only).
 */
export async function previousRevision(
  client: ECSClient,
  current: TaskDefinitionRef,
): Promise<string | undefined> {
  return (await activeRevisions(client, current.family)).find((r) => r.revision < current.revision)
    ?.arn;
}
