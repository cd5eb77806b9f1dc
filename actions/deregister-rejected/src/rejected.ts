// No rejected revision stays registered. `ecspresso rollback` returns to the newest ACTIVE revision
// older than the current one, so a revision the ECS deployment circuit breaker (or a failed wait)
// turned away would become the next rollback's target unless something deregisters it. This does,
// with three checks first: the service is steady on the revision it should be back on (waiting for
// that, up to a limit), the revision to deregister is not that one, and no service in any cluster of
// the region runs it (its task definition or any of its deployments).
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListClustersCommand,
  ListServicesCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  activeRevisions,
  formatRef,
  isRunning,
  parseTaskDefinitionRef,
  requireTaskDefinitionRef,
  sameRevision,
  waitUntilSteady,
  type TaskDefinitionRef,
} from '@doppio-dev/action-kit';

export interface RejectedRequest {
  readonly cluster: string;
  readonly service: string;
  /** The revision the service must be steady on: what it ran before the deploy, or what it runs instead of the one to undo. */
  readonly steadyOn: string;
  /** Which revisions were rejected: one named (rollback's undo-task-definition), or every ACTIVE
   *  revision of the family newer than a revision number (deploy: the newest before ecspresso registered its own). */
  readonly rejected: { readonly revision: string } | { readonly newerThan: number };
  readonly waitSeconds: number;
}

export interface RejectedResult {
  /** ARNs deregistered. */
  readonly deregistered: readonly string[];
  /** Why nothing (more) was deregistered, or what was; for the log and the summary. */
  readonly reason: string;
}

export async function deregisterRejected(
  ecs: ECSClient,
  request: RejectedRequest,
  log: (line: string) => void,
): Promise<RejectedResult> {
  const { cluster, service } = request;
  const steadyOn = requireTaskDefinitionRef(request.steadyOn, 'steady-on');
  const named = `${cluster}/${service}`;

  const now = await describe(ecs, cluster, service);
  const runs = parseTaskDefinitionRef(now.taskDefinition ?? '');
  if (!runs || !sameRevision(runs, steadyOn)) {
    return {
      deregistered: [],
      reason: `${named} runs ${runs ? formatRef(runs) : 'nothing'}, not ${formatRef(steadyOn)}: it is not back on the revision it ran, so nothing was deregistered`,
    };
  }
  if (!isRunning(now, steadyOn)) {
    log(
      `${named} runs ${formatRef(steadyOn)} but is not steady yet; waiting up to ${request.waitSeconds} s`,
    );
    const unsteady = await waitUntilSteady(ecs, cluster, service, request.waitSeconds);
    if (unsteady)
      return {
        deregistered: [],
        reason: `${named} did not become steady on ${formatRef(steadyOn)} within ${request.waitSeconds} s (${unsteady}), so nothing was deregistered`,
      };
    const after = await describe(ecs, cluster, service);
    if (!isRunning(after, steadyOn)) {
      return {
        deregistered: [],
        reason: `${named} is not steady on ${formatRef(steadyOn)} after waiting, so nothing was deregistered`,
      };
    }
  }

  const candidates = await rejectedRevisions(ecs, steadyOn, request.rejected);
  if (candidates.length === 0)
    return {
      deregistered: [],
      reason: `${named} is back on ${formatRef(steadyOn)}, and no rejected revision is registered`,
    };
  const inUse = await revisionsInUse(ecs);
  const deregistered: string[] = [];
  const kept: string[] = [];
  for (const candidate of candidates) {
    const user = inUse.get(formatRef(candidate));
    if (user) {
      kept.push(`${formatRef(candidate)} stays registered: ${user} runs it`);
      continue;
    }
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: candidate.arn }));
    log(`deregistered ${candidate.arn}`);
    deregistered.push(candidate.arn);
  }
  const done =
    deregistered.length > 0
      ? `${named} is back on ${formatRef(steadyOn)}; deregistered ${deregistered.map((arn) => formatRef(parseTaskDefinitionRef(arn)!)).join(', ')}, so a rollback can never land on it`
      : '';
  return { deregistered, reason: [done, ...kept].filter(Boolean).join('; ') };
}

async function describe(ecs: ECSClient, cluster: string, service: string): Promise<Service> {
  const found = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
    .services?.[0];
  if (!found || found.status === 'INACTIVE')
    throw new Error(`the service ${cluster}/${service} does not exist`);
  return found;
}

async function rejectedRevisions(
  ecs: ECSClient,
  steadyOn: TaskDefinitionRef,
  rejected: RejectedRequest['rejected'],
): Promise<{ arn: string; family: string; revision: number }[]> {
  if ('revision' in rejected) {
    const ref = requireTaskDefinitionRef(rejected.revision, 'revision');
    if (sameRevision(ref, steadyOn))
      throw new Error(
        `the revision to deregister, ${formatRef(ref)}, is the one the service must be back on`,
      );
    const td = (
      await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: formatRef(ref) }))
    ).taskDefinition;
    return td?.status === 'ACTIVE' && td.taskDefinitionArn
      ? [{ ...ref, arn: td.taskDefinitionArn }]
      : [];
  }
  return (await activeRevisions(ecs, steadyOn.family)).filter(
    (r) => r.revision > rejected.newerThan && r.revision !== steadyOn.revision,
  );
}

/** `family:revision` → a service that runs it (`cluster/service`), over every cluster of the region. */
async function revisionsInUse(ecs: ECSClient): Promise<Map<string, string>> {
  const inUse = new Map<string, string>();
  for await (const cluster of pages(
    (nextToken) => ecs.send(new ListClustersCommand({ nextToken })),
    (out) => out.clusterArns,
  )) {
    const arns: string[] = [];
    for await (const arn of pages(
      (nextToken) => ecs.send(new ListServicesCommand({ cluster, nextToken })),
      (out) => out.serviceArns,
    ))
      arns.push(arn);
    for (let i = 0; i < arns.length; i += 10) {
      const services =
        (await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) })))
          .services ?? [];
      for (const service of services) {
        for (const arn of [
          service.taskDefinition,
          ...(service.deployments ?? []).map((d) => d.taskDefinition),
          ...(service.taskSets ?? []).map((t) => t.taskDefinition),
        ]) {
          const ref = arn ? parseTaskDefinitionRef(arn) : undefined;
          if (ref) inUse.set(formatRef(ref), `${cluster.split('/').pop()}/${service.serviceName}`);
        }
      }
    }
  }
  return inUse;
}

async function* pages<T extends { nextToken?: string | undefined }>(
  fetch: (nextToken: string | undefined) => Promise<T>,
  items: (out: T) => string[] | undefined,
): AsyncGenerator<string> {
  let nextToken: string | undefined;
  do {
    const out = await fetch(nextToken);
    yield* items(out) ?? [];
    nextToken = out.nextToken;
  } while (nextToken);
}
