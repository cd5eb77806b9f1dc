// main() with the real @actions/core against moto (ECR) and a stand-in for `ecspresso render`.
import { join } from 'node:path';
import { actionDefaults, runAction, startMoto, type Moto } from '@doppio-dev/action-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_HINT } from '../src/ensure.js';
import { run } from '../src/main.js';
import {
  HOST,
  createRepository,
  digest,
  ecrClient,
  fakeEcspressoRender,
  putImage,
} from './fixtures.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
  const client = ecrClient(moto);
  await createRepository(client, 'web');
  await putImage(client, 'web', 'abc', digest('1'));
  await putImage(client, 'web', 'def', digest('2'));
  await createRepository(client, 'worker');
  await putImage(client, 'worker', 'abc', digest('3'));
});

afterAll(async () => {
  await moto?.stop();
});

const ensure = (inputs: Record<string, string>) =>
  runAction(run, { ...defaults, ...inputs }, moto.env);

describe('images input', () => {
  it('outputs the digest of a present image', async () => {
    const result = await ensure({ images: `${HOST}/web:abc` });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      images: JSON.stringify([`${HOST}/web:abc`]),
      digests: JSON.stringify({ [`${HOST}/web:abc`]: digest('1') }),
      digest: digest('1'),
      'skipped-images': '[]',
      found: 'true',
      'missing-images': '[]',
    });
  });

  it('outputs every digest, and no single `digest`, for several images', async () => {
    const result = await ensure({ images: `${HOST}/web:def\n${HOST}/worker:abc\n` });
    expect(result.failed).toBe(false);
    expect(JSON.parse(result.outputs['digests']!)).toEqual({
      [`${HOST}/web:def`]: digest('2'),
      [`${HOST}/worker:abc`]: digest('3'),
    });
    expect(result.outputs['digest']).toBeUndefined();
  });

  it('fails naming a missing tag and how images are built', async () => {
    const result = await ensure({ images: `${HOST}/web:0000000` });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(`::error::\`web:0000000\` is not in ECR: ${BUILD_HINT}`);
    expect(result.outputs).toEqual({});
  });

  it('fails when the repository does not exist', async () => {
    const result = await ensure({ images: `${HOST}/api:abc` });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '::error::`api:abc` is not in ECR (no repository `api` in registry 123456789012, ap-northeast-1)',
    );
  });

  it('reports both missing images of three, in one message', async () => {
    const result = await ensure({
      images: [`${HOST}/web:abc`, `${HOST}/web:missing1`, `${HOST}/worker:missing2`].join('\n'),
    });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '::error::`web:missing1` is not in ECR; `worker:missing2` is not in ECR: images are built once',
    );
  });

  it('skips images that are not private ECR, with a notice', async () => {
    const result = await ensure({
      images: `public.ecr.aws/aws-observability/aws-for-fluent-bit:stable\n${HOST}/web:abc\nnginx:1.27`,
    });
    expect(result.failed).toBe(false);
    expect(result.log).toContain(
      '::notice::skipped `public.ecr.aws/aws-observability/aws-for-fluent-bit:stable`: not a private ECR image',
    );
    expect(result.log).toContain('::notice::skipped `nginx:1.27`');
    expect(result.outputs['images']).toBe(JSON.stringify([`${HOST}/web:abc`]));
    expect(result.outputs['skipped-images']).toBe(
      JSON.stringify(['public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', 'nginx:1.27']),
    );
    expect(result.outputs['digest']).toBe(digest('1'));
  });

  it('warns when nothing was left to check', async () => {
    const result = await ensure({ images: 'nginx:1.27' });
    expect(result.failed).toBe(false);
    expect(result.log).toContain('::warning::no private ECR image to check');
    expect(result.outputs['images']).toBe('[]');
  });
});

describe('if-missing: report (build-push looks before it builds)', () => {
  it('a missing tag is reported, not a failure', async () => {
    const result = await ensure({ images: `${HOST}/web:0000000`, 'if-missing': 'report' });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      images: JSON.stringify([`${HOST}/web:0000000`]),
      digests: '{}',
      'skipped-images': '[]',
      found: 'false',
      'missing-images': JSON.stringify([`${HOST}/web:0000000`]),
    });
    expect(result.log).not.toContain('::error');
  });

  it('a present image is found, with its digest', async () => {
    const result = await ensure({ images: `${HOST}/web:abc`, 'if-missing': 'report' });
    expect(result.outputs).toMatchObject({
      found: 'true',
      digest: digest('1'),
      'missing-images': '[]',
    });
  });

  it('a missing repository still fails, saying to create it', async () => {
    const result = await ensure({ images: `${HOST}/api:abc`, 'if-missing': 'report' });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '::error::`api:abc` is not in ECR (no repository `api` in registry 123456789012, ap-northeast-1): create the repository (with tag immutability on) before the first build',
    );
  });

  it('anything but fail or report is refused', async () => {
    const result = await ensure({ images: `${HOST}/web:abc`, 'if-missing': 'ignore' });
    expect(result.failed).toBe(true);
    expect(result.log).toContain("::error::if-missing must be `fail` or `report`, got 'ignore'");
  });
});

describe('expected-digest', () => {
  it('passes when the image has it', async () => {
    const result = await ensure({ images: `${HOST}/web:def`, 'expected-digest': digest('2') });
    expect(result.failed).toBe(false);
    expect(result.outputs['digest']).toBe(digest('2'));
  });

  it('fails naming both digests when they differ', async () => {
    const result = await ensure({ images: `${HOST}/web:def`, 'expected-digest': digest('1') });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      `::error::\`web:def\` has digest ${digest('2')}, not the expected ${digest('1')}`,
    );
    expect(result.outputs).toEqual({});
  });
});

describe('config input (rendered by a stand-in for `ecspresso render`)', () => {
  it('checks the images of the rendered task definition, with IMAGE_TAG from image-tag', async () => {
    const ecspresso = fakeEcspressoRender([
      `${HOST}/web:$IMAGE_TAG`,
      'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
    ]);
    const result = await ensure({
      config: '.ecspresso/production/config.yaml',
      'image-tag': 'def',
      ecspresso,
    });
    expect(result.failed).toBe(false);
    // `def` is only in the output if the stand-in saw IMAGE_TAG=def.
    expect(result.outputs['images']).toBe(JSON.stringify([`${HOST}/web:def`]));
    expect(result.outputs['digest']).toBe(digest('2'));
    expect(result.log).toContain(
      '.ecspresso/production/config.yaml renders 2 container image(s) with IMAGE_TAG=def',
    );
  });

  it('fails naming the rendered image that is missing', async () => {
    const ecspresso = fakeEcspressoRender([`${HOST}/web:$IMAGE_TAG`, `${HOST}/worker:$IMAGE_TAG`]);
    const result = await ensure({ config: 'config.yaml', 'image-tag': 'def', ecspresso });
    expect(result.failed).toBe(true);
    expect(result.log).toContain('::error::`worker:def` is not in ECR: images are built once');
  });

  it("fails with ecspresso's stderr when the render fails", async () => {
    const ecspresso = fakeEcspressoRender([], {
      exitCode: 1,
      stderr: 'failed to load config: no such file',
    });
    const result = await ensure({ config: 'config.yaml', 'image-tag': 'def', ecspresso });
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      'render taskdef --config config.yaml` failed (exit code 1): failed to load config: no such file',
    );
  });
});

describe('input mistakes', () => {
  it.each([
    [
      { images: `${HOST}/web:abc`, config: 'config.yaml' },
      'set either `images` or `config`, not both',
    ],
    [{}, 'nothing to check: set `images`'],
    [{ images: `${HOST}/web:abc`, 'image-tag': 'abc' }, '`image-tag` is only used with `config`'],
    [{ images: 'web:abc\nnot a ref' }, '`not a ref` is not an image reference'],
  ])('%j fails: %s', async (inputs, message) => {
    const result = await ensure(inputs);
    expect(result.failed).toBe(true);
    expect(result.log).toContain(`::error::${message}`);
  });
});
