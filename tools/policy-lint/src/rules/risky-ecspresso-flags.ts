// ecspresso deploy flags that make a deploy do something other than "register the task definition
// this commit renders, with the image this commit built, and roll it out".
import type { ShellCommand, Span, Step, TaskDefinition } from '../model/types.js';
import { assignmentIn } from '../resolve/values.js';
import type { EcspressoFlag, EcspressoInvocation } from '../vocabulary/ecspresso.js';
import { flagText } from '../vocabulary/ecspresso.js';
import type { Deploy } from '../facts/facts.js';
import { defineRule } from './rule.js';

export const riskyEcspressoFlags = defineRule({
  meta: {
    id: 'risky-ecspresso-flags',
    defaultSeverity: 'warn',
    description:
      'No `--latest-task-definition`, no `--rollback-events` without CodeDeploy, no `--force-new-deployment` on a deploy of a new image, no `--skip-task-definition` where a new image is meant.',
    fixable: false,
    commands: ['ecspresso'],
    messages: {
      latestTaskDefinition:
        '`--latest-task-definition` deploys whatever task definition revision was registered last, not the one this commit renders: drop it and let `ecspresso deploy` register the rendered task definition (with `IMAGE_TAG` set to the commit SHA)',
      rollbackEventsWithoutCodeDeploy:
        '`--rollback-events` only acts on CodeDeploy deployments, and the service of `{config}` uses the ECS deployment controller: nothing rolls back when this deploy fails. Drop the flag and enable the deployment circuit breaker with rollback in the service definition (`deploymentConfiguration.deploymentCircuitBreaker: {enable: true, rollback: true}`)',
      skipTaskDefinition:
        '`--skip-task-definition` keeps the service on its current task definition, but this step sets `{variable}` for a new image: the new tag is ignored{force}. Drop `--skip-task-definition` so ecspresso registers the task definition with the new tag',
      forceNewDeployment:
        '`--force-new-deployment` on a deploy of a new image (this step sets `{variable}`): registering the new task definition already starts a deployment that replaces every task, so the flag is redundant and blurs which deploys ship an image and which only restart. Drop it; restart deliberately with `ecspresso refresh` (v2) or `ecspresso deploy --skip-task-definition --force-new-deployment` without a new tag',
    },
  },
  check({ facts, report }) {
    // A command in a matrix job is one Deploy per combination: each flag is judged once, against
    // every combination, and reported at most once.
    const bySite = new Map<Span, Deploy[]>();
    for (const deploy of facts.deploys) {
      if (!deploy.site || deploy.invocation?.subcommand !== 'deploy') continue;
      const key = deploy.site.command.span;
      bySite.set(key, [...(bySite.get(key) ?? []), deploy]);
    }
    for (const deploys of bySite.values()) {
      const site = deploys[0]!.site!;
      const invocation = deploys[0]!.invocation!;
      const on = (name: string): EcspressoFlag | undefined => enabled(invocation, name);

      const latest = on('latest-task-definition');
      if (latest) {
        report({ at: latest.word.span, message: 'latestTaskDefinition' });
      }

      const rollbackEvents = invocation.flags.find((f) => f.name === 'rollback-events');
      const withoutCodeDeploy = deploys.find((d) => d.config?.usesCodeDeploy === false);
      if (rollbackEvents && withoutCodeDeploy) {
        report({
          at: rollbackEvents.word.span,
          message: 'rollbackEventsWithoutCodeDeploy',
          data: { config: withoutCodeDeploy.config!.file.path },
        });
      }

      const newImage = deploys.map((d) => newImageVariable(d)).find((v) => v !== undefined);
      if (newImage === undefined || site.step === undefined) continue;
      const skip = on('skip-task-definition');
      const pinnedRevision = invocation.flags.some((f) => f.name === 'revision');
      if (skip && !latest && !pinnedRevision) {
        const force = on('force-new-deployment')
          ? ' (`--force-new-deployment` then only restarts the tasks on the old image)'
          : '';
        report({
          at: skip.word.span,
          message: 'skipTaskDefinition',
          data: { variable: newImage, force },
        });
      } else if (!skip && !latest && !pinnedRevision) {
        const force = on('force-new-deployment');
        if (force) {
          report({
            at: force.word.span,
            message: 'forceNewDeployment',
            data: { variable: newImage },
          });
        }
      }
    }
  },
});

/** A boolean flag that is on (`--x`, `--x=true`); `--x=false` is off. */
function enabled(invocation: EcspressoInvocation, name: string): EcspressoFlag | undefined {
  const flag = [...invocation.flags].reverse().find((f) => f.name === name);
  if (!flag) return undefined;
  return /^(false|0)$/i.test(flagText(flag) ?? '') ? undefined : flag;
}

/**
 * The tag variable this deploy's step sets, when the deploy is meant to ship a new image: the
 * variable the task definition's image tag reads (`IMAGE_TAG` when the task definition is not
 * known), set on the command itself, earlier in the same `run:`, or in the step's `env:`. Job- and
 * workflow-level values are not counted: they are there for every step, a scale or restart
 * included, so they say nothing about this command's intent.
 */
function newImageVariable(deploy: Deploy): string | undefined {
  const site = deploy.site;
  const step = site?.step;
  if (!site || !step) return undefined;
  const taskDefinition = deploy.config?.taskDefinition;
  const names = taskDefinition?.known ? tagVariables(taskDefinition) : ['IMAGE_TAG'];
  return names.find(
    (name) =>
      site.command.assignments.some((a) => a.name === name) ||
      setEarlierInRun(step, site.command, name) ||
      step.env.has(name),
  );
}

function tagVariables(taskDefinition: TaskDefinition): string[] {
  const names = new Set<string>();
  for (const image of taskDefinition.images) {
    for (const part of image.tag ?? []) {
      if (
        part.kind === 'expr' &&
        (part.expr.func === 'must_env' || part.expr.func === 'env') &&
        part.expr.args[0]
      )
        names.add(part.expr.args[0]);
    }
  }
  return [...names];
}

/** `NAME=…` or `export NAME=…` before the command in the step's own script. */
function setEarlierInRun(step: Step, command: ShellCommand, name: string): boolean {
  const commands = step.script?.commands ?? [];
  const index = commands.indexOf(command);
  return index > 0 && commands.slice(0, index).some((c) => assignmentIn(c, name) !== undefined);
}
