// Image references: which registry an image lives in, and which images are the repository's own.
import type { ContainerImage } from '../model/types.js';

// A private ECR registry host: `<account>.dkr.ecr.<region>.amazonaws.com`.
const ECR_HOST = String.raw`\.dkr\.ecr\.[^./]+\.amazonaws\.com`;
const HAS_ECR_HOST = new RegExp(ECR_HOST);
const IN_ECR_REPOSITORY = new RegExp(`${ECR_HOST}/`);

/** True when the text names a private ECR registry host. */
export function hasEcrHost(text: string): boolean {
  return HAS_ECR_HOST.test(text);
}

/** The repository's own image: templated, or in a private ECR registry. Third-party images
 *  (Docker Hub, public.ecr.aws, sidecars) are out of scope. */
export function isOwnImage(image: ContainerImage): boolean {
  return (
    image.image.parts.some((p) => p.kind === 'expr') || IN_ECR_REPOSITORY.test(image.image.text)
  );
}
