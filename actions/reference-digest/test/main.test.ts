// main() with the real @actions/core: inputs in, outputs and annotations read back.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const REF = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web';
const SHA = 'd'.repeat(40);

it('outputs the digest to match', async () => {
  const result = await runAction(run, {
    ...defaults,
    digests: JSON.stringify({ [`${REF}:${SHA}`]: 'sha256:9' }),
    'image-tag': SHA,
    'reference-config': '.ecspresso/staging/web.yaml',
  });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ image: `${REF}:${SHA}`, digest: 'sha256:9' });
  expect(result.log).toContain(
    `The service of .ecspresso/staging/web.yaml runs ${REF}:${SHA} (sha256:9)`,
  );
});

it('fails with one titled error when there is nothing to match', async () => {
  const result = await runAction(run, {
    ...defaults,
    digests: '{}',
    'image-tag': SHA,
    'reference-config': '.ecspresso/staging/web.yaml',
  });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error title=Cannot compare digests::the service of .ecspresso/staging/web.yaml runs no private ECR image',
  );
  expect(result.log.match(/::error/g)).toHaveLength(1);
  expect(result.outputs).toEqual({});
});
