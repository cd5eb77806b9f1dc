import { describe, expect, it } from 'vitest';
import { parseImageList, parseImageReference, shortName } from '../src/image-ref.js';

const sha = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference: private ECR', () => {
  it('splits a tagged reference into registry, region, repository and tag', () => {
    const ref = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:0123abc';
    expect(parseImageReference(ref)).toEqual({
      kind: 'ecr',
      image: {
        ref,
        host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        registryId: '123456789012',
        region: 'eu-west-1',
        repository: 'team/web',
        tag: '0123abc',
      },
    });
  });

  it('looks a digest reference up by digest, ignoring a tag beside it as ECS does', () => {
    const parsed = parseImageReference(
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1@${sha}`,
    );
    expect(parsed.kind === 'ecr' && parsed.image).toMatchObject({ repository: 'web', digest: sha });
    expect(parsed.kind === 'ecr' && parsed.image.tag).toBeUndefined();
    expect(parsed.kind === 'ecr' && shortName(parsed.image)).toBe(`web@${sha}`);
  });

  it('implies `latest` when neither tag nor digest is given', () => {
    const parsed = parseImageReference('123456789012.dkr.ecr.us-east-1.amazonaws.com/web');
    expect(parsed.kind === 'ecr' && shortName(parsed.image)).toBe('web:latest');
  });

  it.each([
    ['111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1', 'us-gov-west-1'],
    ['111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1', 'cn-north-1'],
    ['111122223333.dkr-ecr.eu-central-1.on.aws/web:1', 'eu-central-1'],
  ])('recognises %s (region %s)', (ref, region) => {
    expect(parseImageReference(ref)).toMatchObject({
      kind: 'ecr',
      image: { registryId: '111122223333', region },
    });
  });
});

describe('parseImageReference: other registries', () => {
  it.each([
    ['nginx:1.27', 'docker.io'],
    ['datadog/agent:7', 'docker.io'],
    ['docker.io/library/nginx', 'docker.io'],
    ['public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0', 'public.ecr.aws'],
    ['ghcr.io/org/app@sha256:abc', 'ghcr.io'],
    ['localhost:5000/web:1', 'localhost:5000'],
    ['12345.dkr.ecr.us-east-1.amazonaws.com/web:1', '12345.dkr.ecr.us-east-1.amazonaws.com'],
  ])('%s is not private ECR (host %s)', (ref, host) => {
    expect(parseImageReference(ref)).toEqual({ kind: 'other', ref, host });
  });
});

describe('parseImageReference: refusals', () => {
  it.each([
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web:', 'its tag is empty (was IMAGE_TAG set'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web:{{ must_env `IMAGE_TAG` }}', 'white space'],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:{{must_env`IMAGE_TAG`}}',
      'template expression',
    ],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/Web:1',
      '`Web` is not a valid ECR repository name',
    ],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web:-x', '`-x` is not a valid tag'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc', '`sha256:abc` is not a digest'],
  ])('%s → %s', (ref, message) => {
    expect(() => parseImageReference(ref)).toThrow(message);
    expect(() => parseImageReference(ref)).toThrow(`\`${ref}\` is not an image reference`);
  });

  it('refuses an empty reference', () => {
    expect(() => parseImageReference('')).toThrow('an image reference is empty');
  });
});

it('parseImageList also takes a JSON array (service-state’s `images`), and says what is wrong with a bad one', () => {
  expect(parseImageList(' ["a:1", "b:2", "a:1"]\n')).toEqual(['a:1', 'b:2']);
  expect(() => parseImageList('[a:1]')).toThrow('`images` starts with `[` but is not a JSON array');
  expect(() => parseImageList('[1, 2]')).toThrow(
    '`images` as JSON must be an array of image references (strings)',
  );
});

it('parseImageList reads one reference a line, skipping blanks and duplicates', () => {
  expect(parseImageList('\n  a:1 \r\nb:2\n\na:1\n')).toEqual(['a:1', 'b:2']);
  expect(parseImageList('')).toEqual([]);
});
