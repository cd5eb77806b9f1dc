import * as core from '@actions/core';
import { parseDigests, pickDigest, PickError } from './pick.js';

export async function run(): Promise<void> {
  try {
    const reference = core.getInput('reference-config') || 'the other environment';
    const picked = pickDigest(
      parseDigests(core.getInput('digests', { required: true })),
      core.getInput('image-tag', { required: true }),
      reference,
    );
    if (picked.warning)
      core.warning(picked.warning, { title: 'Other environment runs another tag' });
    core.info(
      `The service of ${reference} runs ${picked.image} (${picked.digest}); the image deployed must have the same digest.`,
    );
    core.setOutput('image', picked.image);
    core.setOutput('digest', picked.digest);
  } catch (error) {
    if (error instanceof PickError) {
      core.error(error.message, { title: 'Cannot compare digests' });
      process.exitCode = core.ExitCode.Failure;
    } else core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
