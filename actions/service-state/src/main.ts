import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { serviceConsoleUrl } from './console-url.js';
import { readServiceState } from './service-state.js';
import { resolveTarget } from './target.js';
import { formatRef, requireTaskDefinitionRef, sameRevision } from '@doppio-dev/action-kit';

export async function run(): Promise<void> {
  try {
    // A malformed expectation fails before anything is read.
    const expectedText = core.getInput('expected-task-definition');
    const expected = expectedText
      ? requireTaskDefinitionRef(expectedText, 'expected-task-definition')
      : undefined;
    const target = await resolveTarget({
      cluster: core.getInput('cluster'),
      service: core.getInput('service'),
      config: core.getInput('config'),
      ecspresso: core.getInput('ecspresso') || 'ecspresso',
    });
    const region =
      core.getInput('region') ||
      target.region ||
      process.env['AWS_REGION'] ||
      process.env['AWS_DEFAULT_REGION'];
    if (!region)
      throw new Error(
        'no AWS region: set `region`, or AWS_REGION (aws-actions/configure-aws-credentials sets it)',
      );

    const state = await readServiceState(new ECSClient({ region }), target, region);
    const current = { family: state.family, revision: state.revision };
    core.setOutput('cluster', state.cluster);
    core.setOutput('service', state.service);
    core.setOutput('task-definition-arn', state.taskDefinitionArn);
    core.setOutput('family', state.family);
    core.setOutput('revision', String(state.revision));
    core.setOutput('images', JSON.stringify(state.images));
    core.setOutput('running', String(state.running));
    core.setOutput('rollout-state', state.rolloutState);
    core.setOutput('previous-task-definition', state.previousTaskDefinitionArn ?? '');
    core.setOutput('latest-revision', String(state.latestRevision));
    core.setOutput('console-url', serviceConsoleUrl(region, state.cluster, state.service));
    core.info(
      `${state.cluster}/${state.service} runs ${formatRef(current)} (${state.running ? 'steady' : `not steady, rollout ${state.rolloutState || 'unknown'}`}): ${state.images.join(', ')}`,
    );

    if (expected) {
      const matches = sameRevision(current, expected);
      core.setOutput('matches-expected', String(matches));
      if (matches) core.info(`it runs ${formatRef(expected)}, the revision expected`);
      else {
        core.warning(
          `${state.cluster}/${state.service} runs ${formatRef(current)}, not ${formatRef(expected)}: the revision to undo is no longer running (the ECS deployment circuit breaker or someone else already moved the service), so a rollback must not run`,
        );
      }
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
