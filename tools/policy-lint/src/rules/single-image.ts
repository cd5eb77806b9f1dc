import type { ContainerImage, EcspressoConfig, Job } from '../model/types.js';
import { partsText } from '../parse/template.js';
import type { Facts } from '../facts/facts.js';
import {
  isOwnImage,
  readsVariable,
  tagInTemplate,
  withoutRegistryHost,
} from '../vocabulary/images.js';
import { defineRule, type RuleContext } from './rule.js';

const messages = {
  productionJobBuilds:
    'the job `{job}` deploys to production and also builds or pushes an image: production must run the image staging already ran — deploy the existing SHA-tagged image (`IMAGE_TAG=${{ github.sha }}`) without building',
  productionNeedsBuild:
    'the production deploy `{job}` needs `{needed}`{via}, which builds or pushes an image in the same run: deploy the image built earlier (on the main branch) instead of a fresh build',
  repositoryDiffers:
    '{environment} (`{config}`) deploys the repository `{repository}` but {reference} (`{referenceConfig}`) deploys `{referenceRepository}`: every environment must run the same image — use one repository for all of them',
  tagVariableDiffers:
    '{environment} {tag} but {reference} {referenceTag}: read one variable (`IMAGE_TAG`) in every environment, set to the same commit SHA',
} as const;

export const singleImage = defineRule({
  meta: {
    id: 'single-image',
    defaultSeverity: 'error',
    description:
      'Production deploys never build or depend on a build in the same workflow; every environment names the same image repository and tag variable.',
    fixable: false,
    commands: ['docker', 'podman', 'buildah', 'ecspresso'],
    messages,
  },
  check(context) {
    checkProductionJobs(context);
    checkEnvironmentsAgree(context);
  },
});

function checkProductionJobs({ facts, report }: RuleContext<typeof messages>): void {
  const reported = new Set<Job>();
  for (const deploy of facts.deploys) {
    if (deploy.environment !== 'production' || reported.has(deploy.job)) continue;
    reported.add(deploy.job);
    const job = deploy.job;
    const build = facts.buildingJobs.get(job);
    if (build) {
      report({ at: build, message: 'productionJobBuilds', data: { job: job.id } });
      continue;
    }
    // `needs` counts transitively (build → test → deploy still ships the fresh build): each direct
    // need is reported, at its entry, when it or any job it needs builds.
    for (const need of job.needs) {
      const needed = job.workflow.jobs.find((j) => j.id === need.value);
      const builder = needed && buildingNeed(needed, facts, new Set([job]));
      if (needed && builder) {
        const via = builder === needed ? '' : `, which needs \`${builder.id}\``;
        report({
          at: need.span,
          message: 'productionNeedsBuild',
          data: { job: job.id, needed: needed.id, via },
        });
      }
    }
  }
}

/** The first job that builds, among `job` and the jobs it needs (transitively, cycles skipped). */
function buildingNeed(job: Job, facts: Facts, seen: Set<Job>): Job | undefined {
  if (seen.has(job)) return undefined;
  seen.add(job);
  if (facts.buildingJobs.has(job)) return job;
  for (const need of job.needs) {
    const needed = job.workflow.jobs.find((j) => j.id === need.value);
    const builder = needed && buildingNeed(needed, facts, seen);
    if (builder) return builder;
  }
  return undefined;
}

interface EnvImage {
  readonly environment: string;
  readonly config: EcspressoConfig;
  readonly image: ContainerImage;
}

/** Every environment's task definition names the same repository and the same tag variable. */
function checkEnvironmentsAgree({ project, facts, report }: RuleContext<typeof messages>): void {
  const images: EnvImage[] = [];
  for (const config of project.ecspressoConfigs) {
    const environment = environmentOf(config, facts);
    if (environment === undefined || !config.taskDefinition?.known) continue;
    for (const image of config.taskDefinition.images)
      if (isOwnImage(image) && !image.digest) images.push({ environment, config, image });
  }
  const environments = [...new Set(images.map((i) => i.environment))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const reference = environments[0];
  if (reference === undefined) return;
  const referenceImages = images.filter((i) => i.environment === reference);
  for (const other of images.filter((i) => i.environment !== reference)) {
    const peer =
      referenceImages.find((r) => r.image.container === other.image.container) ??
      (referenceImages.length === 1 ? referenceImages[0] : undefined);
    if (!peer) continue;
    const a = repositoryName(peer.image);
    const b = repositoryName(other.image);
    if (a !== b && a !== undefined && b !== undefined) {
      report({
        at: other.image.image.span,
        message: 'repositoryDiffers',
        data: {
          environment: other.environment,
          config: other.config.file.path,
          repository: b,
          reference,
          referenceConfig: peer.config.file.path,
          referenceRepository: a,
        },
      });
      // No `continue`: a different tag variable is a second, independent drift (the docs count two errors).
    }
    const va = tagVariable(peer.image);
    const vb = tagVariable(other.image);
    if (va !== vb && va !== undefined && vb !== undefined) {
      report({
        at: other.image.tagSpan ?? other.image.image.span,
        message: 'tagVariableDiffers',
        data: {
          environment: other.environment,
          tag: describeTag(vb),
          reference,
          referenceTag: describeTag(va),
        },
      });
    }
  }
}

const ORDER = ['staging', 'development'];

function rank(environment: string): number {
  const at = ORDER.indexOf(environment);
  return at === -1 ? ORDER.length : at;
}

function environmentOf(config: EcspressoConfig, facts: Facts): string | undefined {
  const deployed = facts.deploys.find((d) => d.config === config && d.environment !== undefined);
  return deployed?.environment ?? facts.recogniseEnvironment(config.file.path);
}

/**
 * The repository path without the registry host (see withoutRegistryHost); undefined when a lookup
 * (`tfstate`, `ssm`, …) or a variable holding the whole reference gives it: not known.
 */
function repositoryName(image: ContainerImage): string | undefined {
  const lookup = image.image.parts.some(
    (p) => p.kind === 'expr' && !readsVariable(p.expr) && image.repository.includes(p.expr.source),
  );
  if (lookup || tagInTemplate(image)) return undefined;
  return withoutRegistryHost(image.repository).replace(/\{\{-?\s*|\s*-?\}\}/g, (m) => m.trim());
}

const FIXED = 'fixed:';

function describeTag(tag: string): string {
  return tag.startsWith(FIXED)
    ? `uses the fixed tag \`${tag.slice(FIXED.length)}\``
    : `reads the image tag from \`${tag}\``;
}

/** The variable the tag reads (`IMAGE_TAG` of `{{ must_env \`IMAGE_TAG\` }}`, `IMAGE_URI` of a
 *  whole reference), if one. */
function tagVariable(image: ContainerImage): string | undefined {
  const expr = (tagInTemplate(image) ? image.image.parts : image.tag)?.findLast(
    (p) => p.kind === 'expr',
  );
  if (expr?.kind !== 'expr') return image.tag ? `${FIXED}${partsText(image.tag)}` : undefined;
  // A lookup (`{{ ssm … }}`) is no variable: what it gives is not known.
  return readsVariable(expr.expr) ? expr.expr.args[0] : undefined;
}
