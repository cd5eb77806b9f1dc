// Which digest the image deployed must have, when a deploy is checked against what another
// environment (staging) runs now. That environment's service may run several ECR images (a
// sidecar from ECR, say): the one to match is the one with the tag being deployed; a single ECR
// image is that one whatever its tag (the digests decide), with a warning when the tags differ.

export class PickError extends Error {}

export interface Picked {
  readonly image: string;
  readonly digest: string;
  /** Said when the deploy goes ahead on the digest alone. */
  readonly warning: string | undefined;
}

/** The tag of an image reference (`…/repo:tag`, `…/repo:tag@sha256:…`); '' when it has none. */
export function tagOf(ref: string): string {
  const name = ref.slice(ref.lastIndexOf('/') + 1).split('@')[0]!;
  const colon = name.indexOf(':');
  return colon === -1 ? '' : name.slice(colon + 1);
}

/** `digests`: ensure-image's output for the other environment's images, reference → digest. */
export function pickDigest(
  digests: Readonly<Record<string, string>>,
  imageTag: string,
  reference: string,
): Picked {
  const entries = Object.entries(digests);
  if (entries.length === 0)
    throw new PickError(
      `the service of ${reference} runs no private ECR image, so there is no digest to compare with.`,
    );
  const matching =
    entries.length === 1 ? entries : entries.filter(([ref]) => tagOf(ref) === imageTag);
  if (matching.length !== 1) {
    throw new PickError(
      `the service of ${reference} runs ${entries.map(([ref]) => ref).join(', ')}: not exactly one ECR image tagged ${imageTag}, so it does not run the image being deployed.`,
    );
  }
  const [image, digest] = matching[0]!;
  const warning =
    tagOf(image) === imageTag
      ? undefined
      : `${reference} runs ${image}, not the tag ${imageTag}; the deploy goes ahead only if the digests are the same.`;
  return { image, digest, warning };
}

/** ensure-image's `digests` output, checked. */
export function parseDigests(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PickError("`digests` is not JSON: pass ensure-image's `digests` output");
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((d) => typeof d === 'string')
  ) {
    throw new PickError(
      "`digests` must be a JSON object of image reference → digest: pass ensure-image's `digests` output",
    );
  }
  return value as Record<string, string>;
}
