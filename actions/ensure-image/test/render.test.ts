// renderTaskDefinition with a stand-in for `ecspresso render` (the real CLI runs end to end).
import { expect, it } from 'vitest';
import { renderArgs, renderTaskDefinition } from '../src/render.js';
import { imagesFromTaskDefinition } from '../src/taskdef.js';
import { fakeEcspressoRender } from './fixtures.js';

it("uses ecspresso v2's syntax: render taskdef --config <config>", () => {
  expect(renderArgs('.ecspresso/production/config.yaml')).toEqual([
    'render',
    'taskdef',
    '--config',
    '.ecspresso/production/config.yaml',
  ]);
});

it('exports image-tag as IMAGE_TAG for the render and returns its output', async () => {
  const ecspresso = fakeEcspressoRender(['web:$IMAGE_TAG']);
  const json = await renderTaskDefinition({
    ecspresso,
    config: 'config.yaml',
    imageTag: '0123abc',
  });
  expect(imagesFromTaskDefinition(json)).toEqual(['web:0123abc']);
});

it("keeps the environment's IMAGE_TAG when no image-tag is given", async () => {
  const saved = process.env['IMAGE_TAG'];
  process.env['IMAGE_TAG'] = 'from-env';
  try {
    const json = await renderTaskDefinition({
      ecspresso: fakeEcspressoRender(['web:$IMAGE_TAG']),
      config: 'config.yaml',
    });
    expect(imagesFromTaskDefinition(json)).toEqual(['web:from-env']);
  } finally {
    if (saved === undefined) delete process.env['IMAGE_TAG'];
    else process.env['IMAGE_TAG'] = saved;
  }
});

it("fails with the exit code and ecspresso's stderr", async () => {
  const ecspresso = fakeEcspressoRender([], {
    exitCode: 1,
    stderr: 'failed to render: IMAGE_TAG is not set',
  });
  await expect(renderTaskDefinition({ ecspresso, config: 'config.yaml' })).rejects.toThrow(
    `\`${ecspresso} render taskdef --config config.yaml\` failed (exit code 1): failed to render: IMAGE_TAG is not set`,
  );
});

it('says how to install ecspresso when the binary is not there', async () => {
  await expect(
    renderTaskDefinition({ ecspresso: '/nonexistent/ecspresso', config: 'config.yaml' }),
  ).rejects.toThrow(
    /could not run `\/nonexistent\/ecspresso render taskdef --config config.yaml`: .*setup-ecspresso/,
  );
});
