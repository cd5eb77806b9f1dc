// Image references as ECS reads them (`containerDefinitions[].image`), split into what ECR's
// DescribeImages needs. Only private ECR hosts can be asked; anything else (Docker Hub, ghcr.io,
// public.ecr.aws sidecars) is classified as `other` so the caller can skip it and say so.

export interface EcrImage {
  /** The reference exactly as given (the key of the `digests` output). */
  readonly ref: string;
  readonly host: string;
  /** The 12-digit account id in the host: DescribeImages' `registryId`. */
  readonly registryId: string;
  readonly region: string;
  readonly repository: string;
  /** Set when the reference pins no digest; `latest` when it names neither (as `docker pull` does). */
  readonly tag?: string;
  /** `sha256:…` when the reference pins one: then the tag, if any, is ignored, as by ECS and Docker. */
  readonly digest?: string;
}

export type ParsedImage =
  | { readonly kind: 'ecr'; readonly image: EcrImage }
  | { readonly kind: 'other'; readonly ref: string; readonly host: string };

// <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn] and the dual-stack <account>.dkr-ecr[-fips].<region>.on.aws.
const ECR_HOSTS: readonly RegExp[] = [
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(\d{12})\.dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws$/,
];
// ECR's own repository-name pattern.
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
// The OCI distribution tag grammar.
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

/** `web:abc` or `web@sha256:…`: how messages name an image (the host is in the full reference). */
export function shortName(image: EcrImage): string {
  return image.digest ? `${image.repository}@${image.digest}` : `${image.repository}:${image.tag}`;
}

/** Throws an Error naming the reference and what is wrong with it. */
export function parseImageReference(ref: string): ParsedImage {
  const invalid = (why: string): Error => new Error(`\`${ref}\` is not an image reference: ${why}`);
  if (ref === '') throw new Error('an image reference is empty');
  if (/\s/.test(ref)) throw invalid('it contains white space');
  if (ref.includes('{{')) throw invalid('it still holds a template expression (was it rendered?)');

  const at = ref.indexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  // Docker's rule: the first component is a registry host only if it looks like one.
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const host = hasHost ? first : 'docker.io';

  const match = ECR_HOSTS.map((pattern) => pattern.exec(host)).find((m) => m !== null);
  if (!match) return { kind: 'other', ref, host };

  const path = name.slice(slash + 1);
  const colon = path.lastIndexOf(':');
  const repository = colon === -1 ? path : path.slice(0, colon);
  const tag = colon === -1 ? undefined : path.slice(colon + 1);
  if (!REPOSITORY.test(repository))
    throw invalid(`\`${repository}\` is not a valid ECR repository name`);
  if (tag === '')
    throw invalid('its tag is empty (was IMAGE_TAG set when the task definition was rendered?)');
  if (tag !== undefined && !TAG.test(tag)) throw invalid(`\`${tag}\` is not a valid tag`);
  if (digest !== undefined && !isDigest(digest))
    throw invalid(`\`${digest}\` is not a digest (sha256:<64 hex digits>)`);

  const image: EcrImage = {
    ref,
    host,
    registryId: match[1]!,
    region: match[2]!,
    repository,
    ...(digest ? { digest } : { tag: tag ?? 'latest' }),
  };
  return { kind: 'ecr', image };
}

/** The `images` input: one reference per line; blank lines ignored, duplicates dropped. */
export function parseImageList(text: string): string[] {
  const trimmed = text.trim();
  // service-state's `images` output (a JSON array) is taken as it is.
  const refs = trimmed.startsWith('[') ? jsonList(trimmed) : trimmed.split(/\r?\n/);
  return [...new Set(refs.map((ref) => ref.trim()).filter((ref) => ref !== ''))];
}

function jsonList(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(
      '`images` starts with `[` but is not a JSON array: give one reference a line, or a JSON array of references',
    );
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error('`images` as JSON must be an array of image references (strings)');
  return value;
}
