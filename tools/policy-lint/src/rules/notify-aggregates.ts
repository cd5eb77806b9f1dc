// The job that reports a release must see every deploy's result: it needs all deploy jobs directly
// (the `needs` context holds direct needs only), runs when one of them failed, and reads their
// results rather than its own `job.status`, which is `success` whenever its own steps were.
import type { Job, Scalar, Step } from '../model/types.js';
import { actionId } from '../vocabulary/actions.js';
import { doppioAction, doppioWorkflow } from '../vocabulary/doppio.js';
import { ancestors, directNeeds } from '../project/needs.js';
import { commandName } from '../vocabulary/commands.js';
import type { Project } from '../project/project.js';
import { defineRule, type Report } from './rule.js';

const messages = {
  missingNeeds:
    'the notify job `{job}` does not list {deploys} in `needs:`: it cannot see {whose}{indirectly} — list every deploy job in `needs:`',
  conditionWithoutStatus:
    'the notify job `{job}` runs only when every job it needs succeeded (its `if:` has no status function, which means `success()`): a failed deploy is never reported — add `if: always()`',
  noCondition:
    'the notify job `{job}` runs only when every job it needs succeeded (no `if:` means `success()`): a failed deploy is never reported — add `if: always()`',
  readsSomeResults:
    "the notify job `{job}` reads the result of {read} but not of {unread}: a failure there is reported as success — read every deploy's result (`contains(needs.*.result, 'failure')`, or `toJSON(needs)` with doppio's conclusion action)",
  reportsJobStatus:
    "the notify job `{job}` reports `job.status`, its own status, which is `success` even when a deploy failed: aggregate the deploys' results instead (`contains(needs.*.result, 'failure')`, technote-space/workflow-conclusion-action, or doppio's notify-conclusion with `toJSON(needs)`)",
} as const;

// Actions whose only purpose is to post a message somewhere people read.
const NOTIFY_ACTIONS = new Set([
  'slackapi/slack-github-action',
  '8398a7/action-slack',
  'rtcamp/action-slack-notify',
  'act10ns/slack',
  'ravsamhq/notify-slack-action',
  'lazy-actions/slatify',
  'edge/simple-slack-notify',
  'skitionek/notify-microsoft-teams',
  'aliencube/microsoft-teams-actions',
  'jdcargile/ms-teams-notification',
  'toko-bifrost/ms-teams-deploy-card',
  'sarisia/actions-status-discord',
  'tsickert/discord-webhook',
]);

// Where a `curl` posts a chat message: the URL itself, or a variable or secret named after the service.
const CHAT_WEBHOOK = /hooks\.slack\.com|slack|webhook\.office\.com|teams|discord/i;

// Job conditions that still run when a needed job failed.
const RUNS_ON_FAILURE = /\balways\s*\(\s*\)|!\s*cancelled\s*\(\s*\)|\bfailure\s*\(\s*\)/;

// Ways to read every needed job's result at once.
const AGGREGATE = /toJSON\s*\(\s*needs\s*\)|\bneeds\.\*\.result\b/i;
const AGGREGATING_ACTIONS = new Set(['technote-space/workflow-conclusion-action']);

export const notifyAggregates = defineRule({
  meta: {
    id: 'notify-aggregates',
    defaultSeverity: 'warn',
    description:
      'A job that reports the deploys needs every deploy job, runs `if: always()`, and aggregates their results instead of its own `job.status`.',
    fixable: false,
    // A curl or wget posts a chat message only where the step names a chat service (see notifyingStep).
    commands: [
      { name: 'curl', when: CHAT_WEBHOOK },
      { name: 'wget', when: CHAT_WEBHOOK },
      'ecspresso',
    ],
    messages,
  },
  check({ project, facts, report }) {
    const deployJobs = new Set(facts.deploys.map((d) => d.job));
    for (const workflow of project.workflows) {
      const deploys = workflow.jobs.filter((j) => deployJobs.has(j));
      if (deploys.length === 0) continue;
      // A notification step inside a deploy job reports that job, and `job.status` is its result.
      const notifiers = workflow.jobs.filter(
        (j) =>
          !deployJobs.has(j) && notifies(j, project) && deploys.some((d) => ancestors(j).has(d)),
      );
      for (const job of notifiers) {
        const before = ancestors(job);
        const direct = new Set(directNeeds(job));
        const followedIndirectly = deploys.filter((d) => before.has(d) && !direct.has(d));
        // A parallel deploy no notify job follows goes unreported (one that runs after this job cannot be waited for).
        const unfollowed = deploys.filter(
          (d) =>
            !before.has(d) && !ancestors(d).has(job) && !notifiers.some((n) => ancestors(n).has(d)),
        );
        const missing = [...followedIndirectly, ...unfollowed];
        if (missing.length > 0) {
          const names = missing.map((d) => `\`${d.id}\``).join(', ');
          const whose = missing.length === 1 ? "that deploy's result" : 'their results';
          const indirectly =
            followedIndirectly.length > 0
              ? ' (when a deploy it waits for only through another job fails, it sees that job as `skipped`, not failed)'
              : '';
          report({
            at: job.needs[0]?.span ?? job.idSpan,
            message: 'missingNeeds',
            data: { job: job.id, deploys: names, whose, indirectly },
          });
        }
        if (!RUNS_ON_FAILURE.test(job.if?.value ?? '')) {
          report({
            at: job.if?.span ?? job.idSpan,
            message: job.if ? 'conditionWithoutStatus' : 'noCondition',
            data: { job: job.id },
          });
        }
        checkResultsRead(
          job,
          deploys.filter((d) => direct.has(d)),
          project,
          report,
        );
      }
    }
  },
});

/** Does the job post a message: doppio's notify workflow or Slack action, a chat action, or `curl` to a chat webhook? */
function notifies(job: Job, project: Project): boolean {
  if (doppioWorkflow(job.uses, project.config) === 'notify-conclusion') return true;
  return job.steps.some((step) => notifyingStep(step, project));
}

function notifyingStep(step: Step, project: Project): boolean {
  const id = actionId(step.uses);
  if (id !== undefined && NOTIFY_ACTIONS.has(id.split('/').slice(0, 2).join('/'))) return true;
  if (doppioAction(step.uses, project.config) === 'slack-notify') return true;
  if (!step.run) return false;
  const posts = project.commandSites.some(
    (site) =>
      site.step === step &&
      (commandName(site.command) === 'curl' || commandName(site.command) === 'wget'),
  );
  return posts && [step.run, ...step.env.values()].some((value) => CHAT_WEBHOOK.test(value.value));
}

/** Every value of the job that can hold an expression, in file order. */
function valuesOf(job: Job): Scalar[] {
  const values: Scalar[] = [...(job.if ? [job.if] : []), ...job.with.values(), ...job.env.values()];
  for (const step of job.steps)
    values.push(
      ...(step.if ? [step.if] : []),
      ...step.with.values(),
      ...step.env.values(),
      ...(step.run ? [step.run] : []),
    );
  return values;
}

function checkResultsRead(
  job: Job,
  directDeploys: readonly Job[],
  project: Project,
  report: (finding: Report<typeof messages>) => void,
): void {
  const values = valuesOf(job);
  const aggregated =
    values.some((v) => AGGREGATE.test(v.value)) ||
    job.steps.some(
      (s) =>
        AGGREGATING_ACTIONS.has(actionId(s.uses) ?? '') ||
        doppioAction(s.uses, project.config) === 'conclusion',
    );
  if (aggregated) return;
  const reads = new Map<string, Scalar>();
  for (const value of values)
    for (const match of value.value.matchAll(/\bneeds\.([\w-]+)\.result\b/g))
      if (!reads.has(match[1]!)) reads.set(match[1]!, value);
  if (reads.size > 0) {
    const unread = directDeploys.filter((d) => !reads.has(d.id));
    if (unread.length > 0) {
      const first = [...reads.values()][0]!;
      const read = [...reads.keys()].map((id) => `\`${id}\``).join(', ');
      report({
        at: first.span,
        message: 'readsSomeResults',
        data: { job: job.id, read, unread: unread.map((d) => `\`${d.id}\``).join(', ') },
      });
    }
    return;
  }
  const status = values.find((v) => /\bjob\.status\b/.test(v.value));
  if (status) {
    report({ at: status.span, message: 'reportsJobStatus', data: { job: job.id } });
  }
}
