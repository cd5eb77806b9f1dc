// Production is deployed by a deliberate act — a release tag, a published release, a manual run, or
// a push to a protected release branch — never by whatever branch someone pushed.
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Job, Scalar, SourceFile, Span, Workflow } from '../model/types.js';
import { get, getPair, nodeSpan, scalarList } from '../parse/yaml-scalars.js';
import type { Deploy } from '../facts/facts.js';
import { ancestors } from '../project/needs.js';
import { defineRule } from './rule.js';

/** Branches that are release branches by convention (and that teams protect). */
export const DEFAULT_BRANCHES: readonly string[] = [
  'main',
  'master',
  'release',
  'release/**',
  'release-*',
  'releases/**',
];

// A condition that looks at the ref or the event narrows the trigger in ways the linter does not judge.
const REF_GUARD =
  /\bgithub\.(ref|ref_name|ref_type|ref_protected|event_name|head_ref|base_ref)\b|\bgithub\.event\.(release|ref|workflow_run)\b|\bstartsWith\s*\(\s*github\./;

// Events any contributor's branch can fire.
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** One event in `on:` with where it is written and its filters (null: none). */
interface Trigger {
  readonly event: string;
  readonly span: Span;
  readonly filters: unknown;
}

export const prodTrigger = defineRule({
  meta: {
    id: 'prod-trigger',
    defaultSeverity: 'warn',
    description:
      'Production deploys run on release tags, releases, manual runs or a protected release branch — not on every branch, feature branches or pull requests.',
    fixable: false,
    commands: ['ecspresso'],
    options: {
      branches: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: DEFAULT_BRANCHES,
        description:
          'Glob patterns of the release branches a production deploy may run on. Replaces the default.',
      },
    },
    messages: {
      pullRequest:
        "this workflow deploys to production ({jobs}) on `{event}`: every pull request, from any branch, deploys to production — deploy production on a release tag (`push: tags: ['v*']`), a published release or `workflow_dispatch`",
      branchesIgnore:
        'this workflow deploys to production ({jobs}) on `{event}` to every branch except the ignored ones: a feature branch deploys to production — list the release branch (`branches: [main]`) or deploy on tags',
      anyBranch:
        "this workflow deploys to production ({jobs}) on every `{event}`, from any branch: add `branches: [main]` (a protected branch) or deploy production on release tags (`tags: ['v*']`)",
      everyBranchPattern:
        'this workflow deploys to production ({jobs}) on a push to `{pattern}`, which is every branch: list only the release branch (`main`) or deploy production on release tags',
      notReleaseBranch:
        'this workflow deploys to production ({jobs}) on a push to `{pattern}`, which is not a release branch: remove it (feature and development branches deploy to staging at most) or deploy production on release tags',
    },
  },
  check({ facts, options, report }) {
    const allowed = (options['branches'] as string[] | undefined) ?? DEFAULT_BRANCHES;
    const isReleaseBranch = picomatch([...allowed], { dot: true });
    const byWorkflow = new Map<Workflow, Deploy[]>();
    for (const deploy of facts.deploys) {
      if (deploy.environment !== 'production') continue;
      const workflow = deploy.job.workflow;
      byWorkflow.set(workflow, [...(byWorkflow.get(workflow) ?? []), deploy]);
    }
    for (const [workflow, deploys] of byWorkflow) {
      if (deploys.every(guarded)) continue;
      const jobs = [...new Set(deploys.map((d) => `\`${d.job.id}\``))].join(', ');
      for (const trigger of triggersOf(workflow)) {
        if (PULL_REQUEST_EVENTS.has(trigger.event)) {
          report({
            at: trigger.span,
            message: 'pullRequest',
            data: { jobs, event: trigger.event },
          });
          continue;
        }
        if (trigger.event !== 'push' && trigger.event !== 'workflow_run') continue;
        const file = workflow.file;
        const branches = scalarList(file, get(trigger.filters, 'branches'));
        const ignored = getPair(trigger.filters, 'branches-ignore');
        const tagsOnly =
          trigger.event === 'push' &&
          (get(trigger.filters, 'tags') !== undefined ||
            get(trigger.filters, 'tags-ignore') !== undefined);
        if (ignored) {
          report({
            at: nodeSpan(file, ignored.key),
            message: 'branchesIgnore',
            data: { jobs, event: trigger.event },
          });
        } else if (branches.length === 0 && !tagsOnly) {
          report({ at: trigger.span, message: 'anyBranch', data: { jobs, event: trigger.event } });
        }
        for (const branch of branches) {
          const pattern = branch.value;
          if (pattern.startsWith('!') || isReleaseBranch(pattern)) continue;
          report({
            at: branch.span,
            message: /^\*+$/.test(pattern) ? 'everyBranchPattern' : 'notReleaseBranch',
            data: { jobs, pattern },
          });
        }
      }
    }
  },
});

/** A deploy whose job (or step, or a job it needs) tests the ref or event: the trigger is narrowed. */
function guarded(deploy: Deploy): boolean {
  const conditions: (Scalar | undefined)[] = [
    deploy.job.if,
    deploy.step?.if,
    ...[...ancestors(deploy.job)].map((j: Job) => j.if),
  ];
  return conditions.some((c) => c !== undefined && REF_GUARD.test(c.value));
}

/** The events of `on:` in its three forms: a name, a list of names, a mapping. */
function triggersOf(workflow: Workflow): Trigger[] {
  const file: SourceFile = workflow.file;
  const root = workflow.doc.contents;
  const on = (getPair(root, 'on') ?? getPair(root, 'true'))?.value;
  if (isScalar(on) || isSeq(on))
    return scalarList(file, on).map((s) => ({ event: s.value, span: s.span, filters: null }));
  if (!isMap(on)) return [];
  return on.items.flatMap((pair) =>
    isScalar(pair.key)
      ? [
          {
            event: String(pair.key.value),
            span: nodeSpan(file, pair.key as Node),
            filters: pair.value,
          },
        ]
      : [],
  );
}
