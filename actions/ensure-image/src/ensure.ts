// The check itself: which references are ECR images, does each exist, what is its digest, and
// (when asked) is it the expected one. Every problem is reported at once, not only the first.
import type { DescribeImage, Lookup } from './ecr.js';
import { isDigest, parseImageReference, shortName, type EcrImage } from './image-ref.js';

/** What to do about a missing repository when images are looked up before a build. */
export const CREATE_REPOSITORY_HINT =
  'create the repository (with tag immutability on) before the first build';

export const BUILD_HINT =
  "images are built once, on the main branch, by doppio's build-push workflow (tagged with the full commit SHA); deploy a commit whose build has finished";

export interface EnsureOptions {
  readonly refs: readonly string[];
  /** `sha256:…`: the single ECR image's digest must equal it. */
  readonly expectedDigest?: string;
  /** Report images that are not in ECR (in `missing`) instead of failing: build-push asks before it builds. */
  readonly reportMissing?: boolean;
  readonly describe: DescribeImage;
}

export interface EnsureResult {
  /** The ECR references checked, in input order. */
  readonly images: readonly string[];
  /** Reference → digest, for every checked image. */
  readonly digests: Readonly<Record<string, string>>;
  /** References that are not private ECR images and were not checked. */
  readonly skipped: readonly string[];
  /** With `reportMissing`: the ECR references whose image is not in ECR (their repository is). */
  readonly missing: readonly string[];
}

/** Throws an Error whose message names every missing image and how images are built. */
export async function ensureImages(options: EnsureOptions): Promise<EnsureResult> {
  const images: EcrImage[] = [];
  const skipped: string[] = [];
  for (const ref of options.refs) {
    const parsed = parseImageReference(ref);
    if (parsed.kind === 'ecr') images.push(parsed.image);
    else skipped.push(parsed.ref);
  }

  const expected = options.expectedDigest;
  if (expected !== undefined) {
    if (!isDigest(expected))
      throw new Error(`expected-digest \`${expected}\` is not a digest (sha256:<64 hex digits>)`);
    if (images.length !== 1) {
      const named =
        images.length === 0 ? 'none' : images.map((image) => `\`${image.ref}\``).join(', ');
      throw new Error(
        `expected-digest needs exactly one ECR image to compare, but there are ${images.length}: ${named}`,
      );
    }
  }

  const lookups = await Promise.all(
    images.map(async (image) => ({ image, lookup: await options.describe(image) })),
  );
  const missingImages = options.reportMissing
    ? lookups.filter(({ lookup }) => lookup.status === 'missing' && lookup.missing === 'image')
    : [];
  const problems = options.reportMissing
    ? failureMessage(
        lookups.filter((l) => !missingImages.includes(l)),
        CREATE_REPOSITORY_HINT,
      )
    : failureMessage(lookups);
  if (problems) throw new Error(problems);

  const digests: Record<string, string> = {};
  for (const { image, lookup } of lookups)
    if (lookup.status === 'found') digests[image.ref] = lookup.digest;

  if (expected !== undefined) {
    const image = images[0]!;
    const actual = digests[image.ref]!;
    if (actual !== expected) {
      throw new Error(
        `\`${shortName(image)}\` has digest ${actual}, not the expected ${expected}: the reference no longer names the image that was expected (the one the other environment runs); redeploy that image by its tag or digest`,
      );
    }
  }
  return {
    images: images.map((image) => image.ref),
    digests,
    skipped,
    missing: missingImages.map(({ image }) => image.ref),
  };
}

/** One message for every image that is missing or could not be checked; undefined when none. */
export function failureMessage(
  lookups: readonly { readonly image: EcrImage; readonly lookup: Lookup }[],
  hint = BUILD_HINT,
): string | undefined {
  const lines: string[] = [];
  const missing = lookups.flatMap(({ image, lookup }) => {
    if (lookup.status !== 'missing') return [];
    const detail =
      lookup.missing === 'repository'
        ? ` (no repository \`${image.repository}\` in registry ${image.registryId}, ${image.region})`
        : '';
    return [`\`${shortName(image)}\` is not in ECR${detail}`];
  });
  if (missing.length > 0) lines.push(`${missing.join('; ')}: ${hint}`);
  for (const { image, lookup } of lookups) {
    if (lookup.status !== 'error') continue;
    // Only a refusal is about permissions; a network error or throttling is not.
    const hint = /AccessDenied|not authorized/i.test(lookup.message)
      ? ` (does the role allow ecr:DescribeImages on repository \`${image.repository}\`?)`
      : '';
    lines.push(`could not check \`${image.ref}\` in ECR: ${lookup.message}${hint}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
