// Deploys of one service to one environment are serialised, and never cancelled in flight.
//
// GitHub's concurrency group queues a second run behind the first, but it keeps only ONE pending
// run per group: a third one cancels the pending one before it starts. So the group must hold
// together what must not overlap (deploys and rollbacks of one service in one environment) and
// keep apart what would otherwise cancel each other (other environments, parallel services).
import type { Concurrency, Job, Scalar, Span, Workflow } from '../model/types.js';
import { configUses, literal, matrixCombinations } from '../project/config-paths.js';
import { doppioWorkflow } from '../vocabulary/doppio.js';
import { ecspressoInvocation } from '../vocabulary/ecspresso.js';
import type { Facts } from '../facts/facts.js';
import type { Scope } from '../resolve/values.js';
import { mayRunTogether } from '../project/needs.js';
import type { Project } from '../project/project.js';
import { defineRule, type Report } from './rule.js';

const messages = {
  noGroup:
    'the job `{job}` runs `ecspresso {what}` outside any concurrency group: two runs can {what} the same service at once and the later one may finish first — add `concurrency: { group: deploy-<environment>-<service>, cancel-in-progress: false }`',
  cancelInProgress:
    '`cancel-in-progress: true` cancels a deploy in flight and leaves the ECS service mid-deployment (a half-rolled task set, no rollback): set it to false and let the next deploy queue',
  groupPerRun:
    'the concurrency group uses `{context}`, which is different in every run: deploys of the same service never wait for each other — make the group the environment and service (`deploy-production-web`)',
  groupPerTag:
    'the concurrency group uses `{context}`, which is a different tag for every release: two releases deploy the same service at once — make the group the environment and service (`deploy-production-web`)',
  matrixInOneGroup:
    'the {count} matrix jobs of `{job}` share this concurrency group: GitHub keeps one pending job per group and cancels the others before they deploy — put the matrix value in the group (`deploy-production-${{ matrix.service }}`)',
  sharedAcrossEnvironments:
    'the concurrency group `{group}` is shared by this {environment} {what} and {others}: GitHub keeps one pending run per group, so a deploy to one environment cancels a queued deploy to the other — put the environment in the group',
  parallelInOneGroup:
    '{count} deploys of this run ({jobs}) start together in the concurrency group `{group}`: GitHub keeps one pending job per group and cancels the others before they deploy — give each service its own group',
} as const;

type Reporter = (finding: Report<typeof messages>) => void;

/** One deploy or rollback of one matrix combination of a job. */
interface Target {
  readonly job: Job;
  readonly what: 'deploy' | 'rollback';
  readonly environment: string | undefined;
  /** The group's value for this combination, when every part of it is known. */
  readonly group: string | undefined;
}

// Contexts that differ from one run to the next: a group made with them serialises nothing.
const PER_RUN =
  /\bgithub\.(run_id|run_number|run_attempt|sha)\b|\bgithub\.event\.(after|head_commit\.id)\b/;
// The ref differs for every tag (and release): fine for a branch workflow, per-run for a release one.
const REF = /\bgithub\.(ref|ref_name)\b/;

export const deployConcurrency = defineRule({
  meta: {
    id: 'deploy-concurrency',
    defaultSeverity: 'warn',
    description:
      'Every job that runs `ecspresso deploy` or `rollback` queues in a concurrency group per environment and service that nothing else cancels, with `cancel-in-progress` not true.',
    fixable: false,
    commands: ['ecspresso'],
    messages,
  },
  check(context) {
    const { project, facts } = context;
    const reported = new Set<string>();
    const report: Reporter = (finding) => {
      const key = `${finding.at.file.path}:${finding.at.start}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report(finding);
    };
    const targets = deployTargets(project, facts);
    const jobs = new Map<Job, Target[]>();
    for (const target of targets) jobs.set(target.job, [...(jobs.get(target.job) ?? []), target]);

    for (const [job, ofJob] of jobs) {
      const what = ofJob[0]!.what;
      const blocks = [job.concurrency, job.workflow.concurrency].filter(
        (c): c is Concurrency => c !== undefined,
      );
      if (blocks.length === 0) {
        if (heldByCaller(job.workflow, project)) continue;
        report({ at: job.idSpan, message: 'noGroup', data: { job: job.id, what } });
        continue;
      }
      checkCancel(blocks, report);
      // Either block may be the one that serialises: the job's own group, or the run's.
      const problems = blocks.map((c) => perRunProblem(c, job.workflow));
      const first = problems.findIndex((p) => p !== undefined);
      if (first !== -1 && problems.every((p) => p !== undefined))
        report({ at: blocks[first]!.group!.span, ...problems[first]! });
      checkMatrix(job, report);
    }

    // Calls of doppio's deploy and rollback workflows queue in their own group; what the caller can
    // still get wrong is cancelling the call (and with it the deploy) from outside.
    for (const workflow of project.workflows) {
      for (const job of workflow.jobs) {
        const called = doppioWorkflow(job.uses, project.config);
        if (called !== 'deploy-ecspresso' && called !== 'rollback') continue;
        checkCancel(
          [job.concurrency, workflow.concurrency].filter((c): c is Concurrency => c !== undefined),
          report,
        );
      }
    }
    checkSharedGroups(targets, report);
  },
});

/**
 * A reusable workflow is held by its caller's group (the calling job's or the caller's run): held
 * when a caller in this repository has one, and unknown (so held) when no caller is in sight.
 */
function heldByCaller(workflow: Workflow, project: Project): boolean {
  if (!workflow.on.events.has('workflow_call')) return false;
  const path = workflow.file.path;
  const callers = project.workflows
    .flatMap((w) => w.jobs)
    .filter((j) => j.uses?.kind === 'local' && j.uses.path?.replace(/^\.\//, '') === path);
  return (
    callers.length === 0 ||
    callers.some((j) => j.concurrency !== undefined || j.workflow.concurrency !== undefined)
  );
}

/** `cancel-in-progress: true` (a literal, or `${{ true }}`): anything else may be false. */
function checkCancel(blocks: readonly Concurrency[], report: Reporter): void {
  for (const block of blocks) {
    const value = block.cancelInProgress?.value.trim();
    if (value === 'true' || /^\$\{\{\s*true\s*\}\}$/.test(value ?? '')) {
      report({ at: block.cancelInProgress!.span, message: 'cancelInProgress' });
    }
  }
}

/** Why a group serialises nothing across runs, if it does not. */
function perRunProblem(
  block: Concurrency,
  workflow: Workflow,
): { message: 'groupPerRun' | 'groupPerTag'; data: { context: string } } | undefined {
  const group = block.group;
  if (!group) return undefined;
  const perRun = PER_RUN.exec(group.value);
  if (perRun) return { message: 'groupPerRun', data: { context: perRun[0] } };
  const byRelease = workflow.on.pushTags.length > 0 || workflow.on.events.has('release');
  const ref = REF.exec(group.value);
  if (ref && byRelease) return { message: 'groupPerTag', data: { context: ref[0] } };
  return undefined;
}

/**
 * A matrix job whose group leaves the matrix out puts all its jobs in one group. Two only queue
 * (safe), but with three or more running at once GitHub cancels the pending ones before they
 * deploy, so a service of the release silently stays on the old image.
 */
function checkMatrix(job: Job, report: Reporter): void {
  const group = job.concurrency?.group;
  if (!group || /\bmatrix\.|\bstrategy\.job-index\b/.test(group.value)) return;
  const combinations = matrixCombinations(job).length;
  const maxParallel = Number(job.workflow.doc.getIn(['jobs', job.id, 'strategy', 'max-parallel']));
  const atOnce =
    Number.isInteger(maxParallel) && maxParallel > 0
      ? Math.min(maxParallel, combinations)
      : combinations;
  if (atOnce < 3) return;
  report({
    at: group.span,
    message: 'matrixInOneGroup',
    data: { count: combinations, job: job.id },
  });
}

/**
 * One group value used by deploys to different environments (a queued staging deploy cancels a
 * pending production one), or by three or more deploys of one run that may run at the same time.
 */
function checkSharedGroups(targets: readonly Target[], report: Reporter): void {
  const byGroup = new Map<string, Target[]>();
  for (const target of targets) {
    if (target.group === undefined) continue;
    byGroup.set(target.group, [...(byGroup.get(target.group) ?? []), target]);
  }
  for (const [group, sharing] of byGroup) {
    const environments = [
      ...new Set(sharing.map((t) => t.environment).filter((e): e is string => e !== undefined)),
    ].sort();
    if (environments.length > 1) {
      for (const target of sharing) {
        if (target.environment === undefined) continue;
        // One job deploying two environments one after the other does not queue against itself.
        const others = sharing
          .filter(
            (t) =>
              t.job !== target.job &&
              t.environment !== undefined &&
              t.environment !== target.environment &&
              !sameRun(t.job, target.job),
          )
          .map(
            (t) =>
              `the ${t.environment} ${t.what} in \`${t.job.workflow.file.path}\` (job \`${t.job.id}\`)`,
          );
        if (others.length === 0) continue;
        report({
          at: groupSpan(target.job)!,
          message: 'sharedAcrossEnvironments',
          data: {
            group,
            environment: target.environment,
            what: target.what,
            others: [...new Set(others)].join(', '),
          },
        });
      }
      continue;
    }
    // Different jobs of one run in one group: the matrix case across jobs.
    const jobs = [...new Set(sharing.map((t) => t.job))].filter(
      (j) => j.concurrency?.group !== undefined,
    );
    for (const workflow of new Set(jobs.map((j) => j.workflow))) {
      const together = jobs.filter((j) => j.workflow === workflow);
      if (
        together.length < 2 ||
        !together.every((a) => together.every((b) => a === b || mayRunTogether(a, b)))
      )
        continue;
      const count = together.reduce((sum, job) => sum + matrixCombinations(job).length, 0);
      if (count < 3) continue;
      for (const job of together) {
        report({
          at: groupSpan(job)!,
          message: 'parallelInOneGroup',
          data: { count, jobs: together.map((j) => `\`${j.id}\``).join(', '), group },
        });
      }
    }
  }
}

/** Two jobs of one workflow held only by its workflow-level group: one run holds both. */
function sameRun(a: Job, b: Job): boolean {
  return (
    a.workflow === b.workflow &&
    a.concurrency?.group === undefined &&
    b.concurrency?.group === undefined
  );
}

function groupSpan(job: Job): Span | undefined {
  return (job.concurrency?.group ?? job.workflow.concurrency?.group)?.span;
}

/** Every deploy and rollback run from a job's steps, one per matrix combination. */
function deployTargets(project: Project, facts: Facts): Target[] {
  const resolver = project.resolver;
  const targets: Target[] = [];
  const groupOf = (job: Job, scope: Scope): string | undefined => {
    const group: Scalar | undefined = job.concurrency?.group ?? job.workflow.concurrency?.group;
    // The workflow-level group is read without the job's matrix: it cannot use it.
    const within = job.concurrency?.group ? scope : { workflow: job.workflow };
    return group ? literal(resolver.expressionText(group, within)) : undefined;
  };
  for (const deploy of facts.deploys) {
    if (!deploy.step) continue;
    targets.push({
      job: deploy.job,
      what: 'deploy',
      environment: deploy.environment,
      group: groupOf(deploy.job, deploy.scope),
    });
  }
  for (const site of project.commandSites) {
    const invocation = ecspressoInvocation(site.command);
    if (invocation?.subcommand !== 'rollback' || !site.step) continue;
    const job = site.step.job;
    for (const use of configUses(site, invocation, resolver)) {
      const named = job.environment
        ? literal(resolver.expressionText(job.environment, use.scope))
        : undefined;
      const environment = facts.recogniseEnvironment(named) ?? facts.recogniseEnvironment(use.path);
      targets.push({ job, what: 'rollback', environment, group: groupOf(job, use.scope) });
    }
  }
  return targets;
}
