// AWS credentials of the deploy flow come from GitHub OIDC (a role assumed for one job), never from
// long-lived access keys kept in secrets: a leaked key works until someone rotates it, a token
// expires within the hour and only this repository (and environment) can get one.
import type { Job, Scalar, Step, ValueMap, Workflow } from '../model/types.js';
import { actionId } from '../vocabulary/actions.js';
import { doppioWorkflow } from '../vocabulary/doppio.js';
import type { Facts } from '../facts/facts.js';
import { allJobs, type Project } from '../project/project.js';
import { commandName } from '../vocabulary/commands.js';
import { isEcr } from '../resolve/values.js';
import { defineRule, type RuleContext } from './rule.js';

const FIX =
  'assume a role through GitHub OIDC instead (`aws-actions/configure-aws-credentials` with `role-to-assume:`, and `permissions: id-token: write` on the job) and delete the access keys';

const messages = {
  keysInEnv: `{where} sets \`{variable}\` from {source}: long-lived AWS access keys; ${FIX}`,
  keysAsInput: `\`{input}\` comes from {source}: long-lived AWS access keys{role}; ${FIX}`,
  roleWithoutIdToken:
    "`role-to-assume` without `id-token: write`: {why}, so the job cannot request the OIDC token and assuming the role fails; add `id-token: write` (and `contents: read`) to the job's `permissions:`",
  doppioCallWithoutIdToken:
    "doppio's {workflow} assumes its AWS role through OIDC and asks for `id-token: write`, but {why}: GitHub refuses to start the called workflow; add `id-token: write` (and `contents: read`) to this job's `permissions:`",
  keysConfigured: `\`aws configure set {key}\` stores {source}, a long-lived AWS access key, in the runner's credentials file; ${FIX}`,
} as const;

type Context = RuleContext<typeof messages>;

const KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key'] as const;
const KEY_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
// A long-term IAM user key id; temporary (STS) ids start with ASIA.
const LONG_TERM_KEY_ID = /^AKIA[0-9A-Z]{16}$/;

export const awsOidc = defineRule({
  meta: {
    id: 'aws-oidc',
    defaultSeverity: 'warn',
    description:
      'AWS credentials of the deploy flow come from OIDC (`role-to-assume` with `id-token: write`), not long-lived access keys in secrets.',
    fixable: false,
    commands: ['aws'],
    messages,
  },
  check(context) {
    const inScope = scopeOf(context.project, context.facts);
    const reported = new Set<Scalar>();
    checkEnvBlocks(context, inScope, reported);
    for (const job of allJobs(context.project)) {
      if (!inScope(job)) continue;
      checkDoppioCall(context, job);
      for (const step of job.steps)
        if (actionId(step.uses) === 'aws-actions/configure-aws-credentials')
          checkConfigureStep(context, step);
    }
    checkAwsConfigure(context, inScope, reported);
  },
});

/**
 * Which jobs the rule speaks about. Many repositories hold AWS keys for work that has nothing to do
 * with an ECS deploy (an S3 upload, a docs site), and this linter is about the deploy flow: every job
 * of a repository that deploys with ecspresso (or calls doppio's workflows), and elsewhere only the
 * jobs that push an image to ECR, the start of such a flow.
 */
function scopeOf(project: Project, facts: Facts): (job: Job) => boolean {
  if (facts.usesEcspresso) return () => true;
  const ecrJobs = new Set<Job>();
  for (const tagging of facts.taggings) if (isEcr(tagging.pieces)) ecrJobs.add(tagging.job);
  for (const job of allJobs(project)) {
    if (
      facts.buildingJobs.has(job) &&
      job.steps.some((s) => actionId(s.uses) === 'aws-actions/amazon-ecr-login')
    )
      ecrJobs.add(job);
  }
  return (job) => ecrJobs.has(job) && facts.buildingJobs.has(job);
}

// ---------------------------------------------------------------------------------------------
// Where a value comes from

/** Where a secret value was found: directly (`${{ secrets.X }}`) or through an `env:` entry. */
type SecretSource =
  | { readonly via: 'direct'; readonly what: string }
  | { readonly via: 'env'; readonly name: string; readonly entry: Scalar; readonly what: string };

/** `secrets.NAME` of an expression value, or a literal long-term key id. */
function directSecret(value: string): string | undefined {
  const secret = /\$\{\{[^}]*\bsecrets\.([\w-]+)/.exec(value);
  if (secret) return `secrets.${secret[1]}`;
  return LONG_TERM_KEY_ID.test(value.trim())
    ? 'a long-term access key id written in the workflow'
    : undefined;
}

/** The env entry a job, step or workflow gives NAME, nearest first (as GitHub resolves `env.NAME`). */
function envEntry(
  name: string,
  workflow: Workflow,
  job: Job | undefined,
  step: Step | undefined,
): Scalar | undefined {
  return step?.env.get(name) ?? job?.env.get(name) ?? workflow.env.get(name);
}

/** A `with:` value or shell word traced to a secret: directly, through `${{ env.X }}` or `$X`. */
function secretSource(
  text: string,
  workflow: Workflow,
  job: Job | undefined,
  step: Step | undefined,
  shell: boolean,
): SecretSource | undefined {
  const what = directSecret(text);
  if (what) return { via: 'direct', what };
  const reference = shell
    ? /^["']?\$\{?([A-Za-z_]\w*)\}?["']?$/.exec(text.trim())
    : /^\s*\$\{\{\s*env\.([\w-]+)\s*\}\}\s*$/.exec(text);
  const name = reference?.[1];
  const entry = name === undefined ? undefined : envEntry(name, workflow, job, step);
  const inner = entry && directSecret(entry.value);
  return name !== undefined && entry && inner
    ? { via: 'env', name, entry, what: inner }
    : undefined;
}

function describe(source: SecretSource): string {
  return source.via === 'direct' ? source.what : `\`${source.name}\` (from ${source.what})`;
}

// ---------------------------------------------------------------------------------------------
// The checks

/** `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` from secrets in a workflow, job or step `env:`. */
function checkEnvBlocks(
  { project, report }: Context,
  inScope: (job: Job) => boolean,
  reported: Set<Scalar>,
): void {
  const checkBlock = (env: ValueMap, where: string): void => {
    const found = KEY_VARIABLES.flatMap((name) => {
      const entry = env.get(name);
      const what = entry && directSecret(entry.value);
      return entry && what ? [{ name, entry, what }] : [];
    }).sort((a, b) => a.entry.span.start - b.entry.span.start);
    for (const f of found) reported.add(f.entry);
    const first = found[0];
    if (first)
      report({
        at: first.entry.span,
        message: 'keysInEnv',
        data: { where, variable: first.name, source: first.what },
      });
  };
  for (const workflow of project.workflows) {
    if (workflow.jobs.some(inScope)) checkBlock(workflow.env, 'the workflow');
    for (const job of workflow.jobs) {
      if (!inScope(job)) continue;
      checkBlock(job.env, `the job \`${job.id}\``);
      for (const step of job.steps) checkBlock(step.env, 'this step');
    }
  }
}

/** configure-aws-credentials: access keys from secrets, or a role assumed without an OIDC token. */
function checkConfigureStep({ report }: Context, step: Step): void {
  const job = step.job;
  const keys = KEY_INPUTS.flatMap((input) => {
    const value = step.with.get(input);
    const source = value && secretSource(value.value, job.workflow, job, step, false);
    return value && source ? [{ input, value, source }] : [];
  }).sort((a, b) => a.value.span.start - b.value.span.start);
  const first = keys[0];
  if (first) {
    const role = step.with.get('role-to-assume')
      ? ' (assuming `role-to-assume` with them still starts from the long-lived keys)'
      : '';
    report({
      at: first.value.span,
      message: 'keysAsInput',
      data: { input: first.input, source: describe(first.source), role },
    });
    return;
  }
  const role = step.with.get('role-to-assume');
  // With keys, a web identity token file or role chaining the action does not ask GitHub for a token.
  if (
    !role ||
    step.with.has('aws-access-key-id') ||
    step.with.has('web-identity-token-file') ||
    /^true$/i.test(step.with.get('role-chaining')?.value.trim() ?? '')
  )
    return;
  const grant = idTokenGrant(job);
  // Without the token the action falls back to the runner's own credentials: on a self-hosted
  // runner with an instance role that works, so only GitHub-hosted runners are judged.
  if (grant.kind !== 'none' || !onGitHubHostedRunner(job)) return;
  report({ at: role.span, message: 'roleWithoutIdToken', data: { why: grant.why } });
}

/** A job calling doppio's workflows that assume a role must let them request the OIDC token. */
function checkDoppioCall({ project, report }: Context, job: Job): void {
  const called = doppioWorkflow(job.uses, project.config);
  if (called !== 'build-push' && called !== 'deploy-ecspresso' && called !== 'rollback') return;
  const grant = idTokenGrant(job);
  if (grant.kind !== 'none') return;
  report({
    at: job.uses!.raw.span,
    message: 'doppioCallWithoutIdToken',
    data: { workflow: called, why: grant.why },
  });
}

/** `aws configure set aws_access_key_id|aws_secret_access_key <secret>` in a step or script. */
function checkAwsConfigure(
  { project, report }: Context,
  inScope: (job: Job) => boolean,
  reported: Set<Scalar>,
): void {
  for (const site of project.commandSites) {
    const step = site.step;
    if (!step || !inScope(step.job) || commandName(site.command) !== 'aws') continue;
    const words = site.command.args;
    const literal = words.map((w) => w.literal);
    const at = literal.findIndex((w, i) => w === 'configure' && literal[i + 1] === 'set');
    if (at === -1) continue;
    // `aws configure set [profile.]aws_access_key_id VALUE [--profile P]`
    const keyAt = words.findIndex(
      (w, i) =>
        i > at + 1 && /^([\w-]+\.)?aws_(access_key_id|secret_access_key)$/.test(w.literal ?? ''),
    );
    const key = words[keyAt]?.literal?.replace(/^[\w-]+\./, '');
    const value = words[keyAt + 1];
    if (keyAt === -1 || !key || !value) continue;
    const source = secretSource(
      value.literal ?? value.raw,
      step.job.workflow,
      step.job,
      step,
      true,
    );
    // Keys that reach the command through an env entry already reported are one finding, not two.
    if (!source || (source.via === 'env' && reported.has(source.entry))) continue;
    report({
      at: site.command.span,
      message: 'keysConfigured',
      data: { key, source: describe(source) },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Permissions and runners

type Grant =
  | { readonly kind: 'write' | 'unknown' }
  | { readonly kind: 'none'; readonly why: string };

/**
 * Whether the job's token may request an OIDC token. A job's block replaces the workflow's; with
 * no block the repository default applies, and it never grants `id-token` — except in a reusable
 * workflow, which then inherits the caller's permissions (unknown here).
 */
function idTokenGrant(job: Job): Grant {
  const own = job.permissions;
  const permissions = own ?? job.workflow.permissions;
  const where = own ? `the job's \`permissions:\`` : `the workflow's \`permissions:\``;
  if (!permissions) {
    if (job.workflow.on.events.has('workflow_call')) return { kind: 'unknown' };
    return {
      kind: 'none',
      why: 'neither the job nor the workflow sets `permissions:`, and the default token never has `id-token: write`',
    };
  }
  if (permissions.scopes) {
    const level = permissions.scopes.get('id-token')?.value.trim();
    if (level === 'write') return { kind: 'write' };
    if (level?.includes('${{')) return { kind: 'unknown' };
    return {
      kind: 'none',
      why:
        level === undefined
          ? `${where} does not grant \`id-token\``
          : `${where} sets \`id-token: ${level}\``,
    };
  }
  const all = permissions.all?.value.trim();
  if (all === 'write-all') return { kind: 'write' };
  if (all === 'read-all') return { kind: 'none', why: `${where} is \`read-all\`` };
  return { kind: 'unknown' };
}

/** Standard GitHub-hosted labels only: larger runners and self-hosted ones have their own names. */
function onGitHubHostedRunner(job: Job): boolean {
  const runsOn = job.runsOn;
  if (!runsOn || runsOn.group || runsOn.labels.length === 0) return false;
  return runsOn.labels.every((label) =>
    /^(ubuntu|windows|macos)-[\w.-]+$/.test(label.value.trim()),
  );
}
