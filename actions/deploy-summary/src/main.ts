import * as core from '@actions/core';
import { deploySummary, isDeployStatus, lines, STATUSES } from './summary.js';

export async function run(): Promise<void> {
  try {
    const environment = core.getInput('environment', { required: true });
    const status = core.getInput('status', { required: true });
    if (!isDeployStatus(status))
      throw new Error(
        `\`status\` must be one of ${STATUSES.join(', ')} (got ${JSON.stringify(status)})`,
      );
    const images = lines(core.getInput('image'));
    const digests = lines(core.getInput('digest'));
    if (digests.length > 0 && digests.length !== images.length) {
      core.warning(
        `${images.length} image(s) but ${digests.length} digest(s): pass one digest a line, in the order of the images`,
      );
    }
    const markdown = deploySummary({
      environment,
      status,
      cluster: core.getInput('cluster'),
      service: core.getInput('service'),
      region: core.getInput('region'),
      images,
      digests,
      previousTaskDefinition: core.getInput('previous-task-definition'),
      taskDefinition: core.getInput('task-definition'),
      consoleUrl: core.getInput('console-url'),
      deregistered: lines(core.getInput('deregistered')),
      deregisterReason: core.getInput('deregister-reason'),
    });
    await core.summary.addRaw(markdown, true).write();
    core.setOutput('markdown', markdown);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
