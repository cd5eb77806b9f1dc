import * as core from '@actions/core';
import { checkInputs, InputError } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const checked = checkInputs({
      imageTag: core.getInput('image-tag'),
      defaultTag: core.getInput('default-tag', { required: true }),
      allowNonShaTag: core.getBooleanInput('allow-non-sha-tag'),
      wait: core.getInput('wait'),
      timeout: core.getInput('timeout'),
      workingDirectory: core.getInput('working-directory'),
      config: core.getInput('config', { required: true }),
      compareConfig: core.getInput('compare-digest-with-config'),
      ecspressoVersion: core.getInput('ecspresso-version'),
      compareRole: core.getInput('compare-role-to-assume') !== '',
    });
    for (const warning of checked.warnings)
      core.warning(warning, { title: 'Image tag is not a commit SHA' });
    core.setOutput('image-tag', checked.imageTag);
    core.setOutput('wait-flag', checked.waitFlag);
    core.setOutput('config-path', checked.configPath);
    core.setOutput('compare-config-path', checked.compareConfigPath);
  } catch (error) {
    if (error instanceof InputError) {
      core.error(error.message, { title: 'Invalid input' });
      process.exitCode = core.ExitCode.Failure;
    } else core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
