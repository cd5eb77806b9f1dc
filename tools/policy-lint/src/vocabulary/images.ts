// Image references: which registry an image lives in, and which images are the repository's own.
import type { ContainerImage, TemplateExpr } from '../model/types.js';

// A private ECR registry host: `<account>.dkr.ecr.<region>.amazonaws.com`.
const ECR_HOST = String.raw`\.dkr\.ecr\.[^./]+\.amazonaws\.com`;
const HAS_ECR_HOST = new RegExp(ECR_HOST);
const IN_ECR_REPOSITORY = new RegExp(`${ECR_HOST}/`);

/** True when the text names a private ECR registry host. */
export function hasEcrHost(text: string): boolean {
  return HAS_ECR_HOST.test(text);
}

/** A template that reads a variable the deploy sets (`must_env`, `env`): what the workflow sets
 *  can be followed. Any other (`tfstate`, `ssm`, `secretsmanager_arn`, a plugin's function) is a
 *  lookup whose value the linter cannot know. */
export function readsVariable(expr: TemplateExpr): boolean {
  return expr.func === 'must_env' || expr.func === 'env';
}

/** The repository's own image: one that reads a deploy variable, or in a private ECR registry.
 *  Third-party images (Docker Hub, public.ecr.aws, sidecars, often looked up with `ssm` or
 *  `tfstate`) are out of scope. */
export function isOwnImage(image: ContainerImage): boolean {
  return (
    image.image.parts.some((p) => p.kind === 'expr' && readsVariable(p.expr)) ||
    IN_ECR_REPOSITORY.test(image.image.text)
  );
}

/** True when a template stands after the reference's last `/`: with no `:` in sight, the tag may
 *  come from it (`{{ must_env `IMAGE_URI` }}`, `…/{{ ssm `/app/image` }}`). */
export function tagInTemplate(image: ContainerImage): boolean {
  let template = false;
  for (const part of image.image.parts) {
    if (part.kind === 'expr') template = true;
    else if (part.text.includes('/')) template = false;
  }
  return image.tag === undefined && !image.digest && template;
}

/** The repository path without its registry host (`<host>/team/web` → `team/web`): environments
 *  in different AWS accounts pull one repository from replicated registries. */
export function withoutRegistryHost(repository: string): string {
  const slash = repository.indexOf('/');
  const host = repository.slice(0, slash);
  const looksLikeHost =
    slash !== -1 &&
    (host.includes('.') ||
      host.includes(':') ||
      host.includes('{{') ||
      host.includes('<') ||
      host === 'localhost');
  return looksLikeHost ? repository.slice(slash + 1) : repository;
}
