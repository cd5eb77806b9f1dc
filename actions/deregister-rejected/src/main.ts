import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { parseWait } from '@doppio-dev/action-kit';
import { deregisterRejected, type RejectedRequest } from './rejected.js';

export async function run(): Promise<void> {
  try {
    const waitSeconds = parseWait(core.getInput('wait-timeout'));
    const rejected = rejectedInput(core.getInput('revision'), core.getInput('newer-than'));
    const region =
      core.getInput('region') || process.env['AWS_REGION'] || process.env['AWS_DEFAULT_REGION'];
    if (!region)
      throw new Error(
        'no AWS region: set `region`, or AWS_REGION (aws-actions/configure-aws-credentials sets it)',
      );
    const ecs = new ECSClient({ region });
    try {
      const result = await deregisterRejected(
        ecs,
        {
          cluster: core.getInput('cluster', { required: true }),
          service: core.getInput('service', { required: true }),
          steadyOn: core.getInput('steady-on', { required: true }),
          rejected,
          waitSeconds,
        },
        (line) => core.info(line),
      );
      core.setOutput('deregistered', result.deregistered.join('\n'));
      core.setOutput('reason', result.reason);
      if (result.deregistered.length > 0)
        core.notice(result.reason, { title: 'Rejected revision deregistered' });
      else core.info(result.reason);
    } finally {
      ecs.destroy();
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

function rejectedInput(revision: string, newerThan: string): RejectedRequest['rejected'] {
  if ((revision === '') === (newerThan === ''))
    throw new Error(
      'give exactly one of `revision` (the revision to deregister) and `newer-than` (deregister every revision of the family newer than this number)',
    );
  if (revision !== '') return { revision };
  if (!/^(0|[1-9][0-9]*)$/.test(newerThan))
    throw new Error(`newer-than must be a revision number, got '${newerThan}'`);
  return { newerThan: Number(newerThan) };
}
