import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { parseWait } from '@doppio-dev/action-kit';
import { ReturnError, returnToRevision } from './return.js';

export async function run(): Promise<void> {
  try {
    const waitSeconds = parseWait(core.getInput('wait-timeout'));
    const region =
      core.getInput('region') || process.env['AWS_REGION'] || process.env['AWS_DEFAULT_REGION'];
    if (!region)
      throw new ReturnError(
        'no AWS region: set `region`, or AWS_REGION (aws-actions/configure-aws-credentials sets it)',
      );
    const ecs = new ECSClient({ region });
    try {
      const result = await returnToRevision(
        ecs,
        {
          cluster: core.getInput('cluster', { required: true }),
          service: core.getInput('service', { required: true }),
          taskDefinition: core.getInput('task-definition', { required: true }),
          deregisterPrevious: core.getBooleanInput('deregister-previous'),
          waitSeconds,
          dryRun: core.getBooleanInput('dry-run'),
        },
        (line) => core.info(line),
      );
      core.setOutput('from-task-definition', result.from);
      core.setOutput('task-definition-arn', result.to);
      core.setOutput('updated', String(result.updated));
      core.setOutput('deregistered', result.deregistered);
    } finally {
      ecs.destroy();
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
