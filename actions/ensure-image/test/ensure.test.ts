// ensureImages with a fake DescribeImage: which images are asked about, and how problems read.
import { describe, expect, it } from 'vitest';
import type { DescribeImage, Lookup } from '../src/ecr.js';
import { BUILD_HINT, ensureImages } from '../src/ensure.js';
import type { EcrImage } from '../src/image-ref.js';

const HOST = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
const d = (hex: string): string => `sha256:${hex.repeat(64)}`;

/** Answers from a table keyed by `repository:tag` / `repository@digest`; records what was asked. */
function fakeEcr(table: Record<string, Lookup>): DescribeImage & { asked: EcrImage[] } {
  const asked: EcrImage[] = [];
  const describe = async (image: EcrImage): Promise<Lookup> => {
    asked.push(image);
    return (
      table[
        image.digest ? `${image.repository}@${image.digest}` : `${image.repository}:${image.tag}`
      ] ?? { status: 'missing', missing: 'image' }
    );
  };
  return Object.assign(describe, { asked });
}

describe('ensureImages', () => {
  it('returns the digest of every ECR image and skips the others without asking ECR', async () => {
    const ecr = fakeEcr({
      'web:abc': { status: 'found', digest: d('1') },
      'worker:abc': { status: 'found', digest: d('2') },
    });
    const refs = [
      `${HOST}/web:abc`,
      'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
      `${HOST}/worker:abc`,
    ];
    expect(await ensureImages({ refs, describe: ecr })).toEqual({
      images: [`${HOST}/web:abc`, `${HOST}/worker:abc`],
      digests: { [`${HOST}/web:abc`]: d('1'), [`${HOST}/worker:abc`]: d('2') },
      skipped: ['public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'],
      missing: [],
    });
    expect(ecr.asked.map((image) => image.repository)).toEqual(['web', 'worker']);
  });

  it('names a missing image and says how images are built', async () => {
    await expect(
      ensureImages({ refs: [`${HOST}/web:abc`], describe: fakeEcr({}) }),
    ).rejects.toThrow(`\`web:abc\` is not in ECR: ${BUILD_HINT}`);
  });

  it('says when the repository itself is missing, with registry and region', async () => {
    const ecr = fakeEcr({ 'web:abc': { status: 'missing', missing: 'repository' } });
    await expect(ensureImages({ refs: [`${HOST}/web:abc`], describe: ecr })).rejects.toThrow(
      '`web:abc` is not in ECR (no repository `web` in registry 123456789012, ap-northeast-1): images are built once',
    );
  });

  it('reports every missing image and every failed check at once', async () => {
    const ecr = fakeEcr({
      'web:abc': { status: 'found', digest: d('1') },
      'api:abc': { status: 'missing', missing: 'repository' },
      'cron:abc': { status: 'error', message: 'AccessDeniedException: not authorized' },
    });
    const error = await ensureImages({
      refs: [`${HOST}/web:abc`, `${HOST}/worker:abc`, `${HOST}/api:abc`, `${HOST}/cron:abc`],
      describe: ecr,
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      [
        `\`worker:abc\` is not in ECR; \`api:abc\` is not in ECR (no repository \`api\` in registry 123456789012, ap-northeast-1): ${BUILD_HINT}`,
        `could not check \`${HOST}/cron:abc\` in ECR: AccessDeniedException: not authorized (does the role allow ecr:DescribeImages on repository \`cron\`?)`,
      ].join('\n'),
    );
  });

  it('hints at permissions only when ECR refused the call', async () => {
    const ecr = fakeEcr({
      'web:abc': { status: 'error', message: 'Error: connect ECONNREFUSED 127.0.0.1:9' },
    });
    const error = (await ensureImages({ refs: [`${HOST}/web:abc`], describe: ecr }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.message).toBe(
      `could not check \`${HOST}/web:abc\` in ECR: Error: connect ECONNREFUSED 127.0.0.1:9`,
    );
  });

  it('names a missing digest reference by its digest', async () => {
    await expect(
      ensureImages({ refs: [`${HOST}/web@${d('9')}`], describe: fakeEcr({}) }),
    ).rejects.toThrow(`\`web@${d('9')}\` is not in ECR`);
  });

  it('refuses an invalid reference before asking ECR', async () => {
    const ecr = fakeEcr({});
    await expect(
      ensureImages({ refs: [`${HOST}/web:abc`, `${HOST}/web:`], describe: ecr }),
    ).rejects.toThrow('its tag is empty');
    expect(ecr.asked).toEqual([]);
  });
});

describe('ensureImages with expected-digest', () => {
  const ecr = (): ReturnType<typeof fakeEcr> =>
    fakeEcr({
      'web:abc': { status: 'found', digest: d('1') },
      'worker:abc': { status: 'found', digest: d('2') },
    });

  it('passes when the single image has the expected digest (sidecars from other registries do not count)', async () => {
    const result = await ensureImages({
      refs: [`${HOST}/web:abc`, 'nginx:1.27'],
      expectedDigest: d('1'),
      describe: ecr(),
    });
    expect(result.digests).toEqual({ [`${HOST}/web:abc`]: d('1') });
  });

  it('fails naming both digests when they differ', async () => {
    const error = (await ensureImages({
      refs: [`${HOST}/web:abc`],
      expectedDigest: d('3'),
      describe: ecr(),
    }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`\`web:abc\` has digest ${d('1')}, not the expected ${d('3')}`);
  });

  it('needs exactly one ECR image, and refuses before asking ECR', async () => {
    const fake = ecr();
    await expect(
      ensureImages({
        refs: [`${HOST}/web:abc`, `${HOST}/worker:abc`],
        expectedDigest: d('1'),
        describe: fake,
      }),
    ).rejects.toThrow(
      `expected-digest needs exactly one ECR image to compare, but there are 2: \`${HOST}/web:abc\`, \`${HOST}/worker:abc\``,
    );
    await expect(
      ensureImages({ refs: ['nginx:1.27'], expectedDigest: d('1'), describe: fake }),
    ).rejects.toThrow('but there are 0: none');
    expect(fake.asked).toEqual([]);
  });

  it('refuses an expected-digest that is not a digest', async () => {
    await expect(
      ensureImages({ refs: [`${HOST}/web:abc`], expectedDigest: '1111', describe: ecr() }),
    ).rejects.toThrow('expected-digest `1111` is not a digest');
  });

  it('a missing image is reported as missing, not as a digest mismatch', async () => {
    await expect(
      ensureImages({ refs: [`${HOST}/gone:abc`], expectedDigest: d('1'), describe: ecr() }),
    ).rejects.toThrow('`gone:abc` is not in ECR');
  });
});
