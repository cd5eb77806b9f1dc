import * as core from '@actions/core';
import { ecrDescriber } from './ecr.js';
import { ensureImages } from './ensure.js';
import { parseImageList } from './image-ref.js';
import { renderTaskDefinition } from './render.js';
import { imagesFromTaskDefinition } from './taskdef.js';

async function imageReferences(): Promise<string[]> {
  const images = parseImageList(core.getInput('images'));
  const config = core.getInput('config');
  const imageTag = core.getInput('image-tag');
  if (images.length > 0 && config !== '')
    throw new Error('set either `images` or `config`, not both');
  if (config === '') {
    if (images.length === 0)
      throw new Error(
        'nothing to check: set `images` (image references, one a line) or `config` (an ecspresso config to render)',
      );
    if (imageTag !== '')
      throw new Error(
        '`image-tag` is only used with `config` (it is exported as IMAGE_TAG for `ecspresso render`); with `images`, put the tag in each reference',
      );
    return images;
  }
  const rendered = await renderTaskDefinition({
    ecspresso: core.getInput('ecspresso') || 'ecspresso',
    config,
    ...(imageTag !== '' ? { imageTag } : {}),
  });
  const refs = imagesFromTaskDefinition(rendered);
  core.info(
    `${config} renders ${refs.length} container image(s)${imageTag !== '' ? ` with IMAGE_TAG=${imageTag}` : ''}`,
  );
  return refs;
}

export async function run(): Promise<void> {
  try {
    const refs = await imageReferences();
    const expectedDigest = core.getInput('expected-digest');
    const ifMissing = core.getInput('if-missing') || 'fail';
    if (ifMissing !== 'fail' && ifMissing !== 'report')
      throw new Error(`if-missing must be \`fail\` or \`report\`, got '${ifMissing}'`);
    const result = await ensureImages({
      refs,
      describe: ecrDescriber(),
      reportMissing: ifMissing === 'report',
      ...(expectedDigest !== '' ? { expectedDigest } : {}),
    });
    for (const ref of result.skipped)
      core.notice(
        `skipped \`${ref}\`: not a private ECR image, so ECR cannot tell whether it exists`,
      );
    if (result.images.length === 0)
      core.warning('no private ECR image to check: every image was skipped');
    for (const ref of result.images)
      core.info(
        ref in result.digests ? `✓ ${ref} ${result.digests[ref]}` : `✗ ${ref} is not in ECR`,
      );
    core.setOutput('images', JSON.stringify(result.images));
    core.setOutput('digests', JSON.stringify(result.digests));
    core.setOutput('skipped-images', JSON.stringify(result.skipped));
    if (result.images.length === 1 && result.missing.length === 0)
      core.setOutput('digest', result.digests[result.images[0]!]);
    core.setOutput('found', String(result.missing.length === 0));
    core.setOutput('missing-images', JSON.stringify(result.missing));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
