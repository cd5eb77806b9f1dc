import { describe, expect, it } from 'vitest';
import { parseDigests, pickDigest, PickError, tagOf } from '../src/pick.js';

const REPO = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
const SHA = 'c'.repeat(40);
const STAGING = '.ecspresso/staging/web.yaml';

describe('pickDigest', () => {
  it('one ECR image with the tag deployed: its digest', () => {
    expect(pickDigest({ [`${REPO}/web:${SHA}`]: 'sha256:1' }, SHA, STAGING)).toEqual({
      image: `${REPO}/web:${SHA}`,
      digest: 'sha256:1',
      warning: undefined,
    });
  });

  it('one ECR image with another tag: its digest, with a warning (the digests decide)', () => {
    expect(pickDigest({ [`${REPO}/web:main`]: 'sha256:1' }, SHA, STAGING)).toEqual({
      image: `${REPO}/web:main`,
      digest: 'sha256:1',
      warning: `${STAGING} runs ${REPO}/web:main, not the tag ${SHA}; the deploy goes ahead only if the digests are the same.`,
    });
  });

  it('several ECR images: the one with the tag deployed', () => {
    const digests = {
      [`${REPO}/web:${SHA}`]: 'sha256:app',
      [`${REPO}/log-router:v2`]: 'sha256:sidecar',
    };
    expect(pickDigest(digests, SHA, STAGING)).toMatchObject({
      image: `${REPO}/web:${SHA}`,
      digest: 'sha256:app',
      warning: undefined,
    });
    expect(
      pickDigest(
        {
          [`${REPO}/web:${SHA}@sha256:app`]: 'sha256:app',
          [`${REPO}/log-router:v2`]: 'sha256:sidecar',
        },
        SHA,
        STAGING,
      ).digest,
    ).toBe('sha256:app');
  });

  it('refuses when there is nothing to compare with, or no single image with that tag', () => {
    expect(() => pickDigest({}, SHA, STAGING)).toThrow(
      new PickError(
        `the service of ${STAGING} runs no private ECR image, so there is no digest to compare with.`,
      ),
    );
    expect(() =>
      pickDigest(
        { [`${REPO}/web:old`]: 'sha256:1', [`${REPO}/log-router:v2`]: 'sha256:2' },
        SHA,
        STAGING,
      ),
    ).toThrow(
      `the service of ${STAGING} runs ${REPO}/web:old, ${REPO}/log-router:v2: not exactly one ECR image tagged ${SHA}, so it does not run the image being deployed.`,
    );
  });
});

it('tagOf reads the tag of a reference, with or without a digest, and not a registry port', () => {
  expect(tagOf(`${REPO}/web:${SHA}`)).toBe(SHA);
  expect(tagOf(`${REPO}/web:v1@sha256:abc`)).toBe('v1');
  expect(tagOf('localhost:5000/web@sha256:abc')).toBe('');
});

it('parseDigests takes ensure-image’s output and names the mistake otherwise', () => {
  expect(parseDigests('{"a:1":"sha256:1"}')).toEqual({ 'a:1': 'sha256:1' });
  expect(() => parseDigests('a:1')).toThrow(
    "`digests` is not JSON: pass ensure-image's `digests` output",
  );
  expect(() => parseDigests('["a:1"]')).toThrow(
    '`digests` must be a JSON object of image reference → digest',
  );
});
