import * as core from '@actions/core';
import { checkBuild, InputError } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const checked = checkBuild({
      imageTag: core.getInput('image-tag'),
      commit: core.getInput('commit', { required: true }),
      allowNonShaTag: core.getBooleanInput('allow-non-sha-tag'),
      push: core.getBooleanInput('push'),
      eventName: core.getInput('event-name', { required: true }),
      allowPullRequestPush: core.getBooleanInput('allow-pull-request-push'),
    });
    for (const notice of checked.notices) core.notice(notice, { title: 'Building another commit' });
    for (const warning of checked.warnings)
      core.warning(warning, { title: 'Image tag is not a commit SHA' });
    core.setOutput('image-tag', checked.imageTag);
    core.setOutput('commit', checked.commit);
  } catch (error) {
    if (error instanceof InputError) {
      core.error(error.message, { title: 'Invalid input' });
      process.exitCode = core.ExitCode.Failure;
    } else core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
