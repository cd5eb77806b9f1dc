import type { ContainerImage, Span, TaskDefinition } from '../model/types.js';
import type { Deploy, Facts, ImageTagging } from '../facts/facts.js';
import {
  alternatives,
  isEcr,
  judgeTag,
  repositoryText,
  splitImage,
  type Piece,
  type TagVerdict,
} from '../resolve/values.js';
import { isOwnImage, tagInTemplate, withoutRegistryHost } from '../vocabulary/images.js';
import { defineRule, type RuleContext } from './rule.js';

const messages = {
  shortSha:
    '`{image}` is tagged with a short SHA (`{source}`); tag it with the full commit SHA (`${{ github.sha }}`): short SHAs can collide',
  aliasBesideSha:
    '`{image}` also gets {what}, a mutable alias beside the SHA tag; deploys and rollbacks should only ever name the SHA tag — drop the alias',
  mutableTag:
    '`{image}` is tagged with {what}; tag it with the full commit SHA (`${{ github.sha }}`) so every environment runs, and can roll back to, exactly the image that was built',
  noTag:
    'the image `{image}` has no tag, so ECS pulls `latest`; tag it with the commit SHA through a variable: `:{{ must_env `IMAGE_TAG` }}`',
  envFallback:
    '`{expression}` falls back to `{value}` when `{variable}` is unset; use `{{ must_env `{variable}` }}` so a deploy without the SHA fails instead',
  deployedWithMutableTag:
    'the image `{image}` is deployed with {what}; read the tag from a variable set to the commit SHA: `:{{ must_env `IMAGE_TAG` }}`',
  deployTagMutable:
    'this deploy of `{config}` sets the image tag to {what}; set it to the full commit SHA (`${{ github.sha }}`) — the image built once and promoted unchanged',
  deployTagShort:
    'this deploy of `{config}` sets the image tag to a short SHA (`{source}`); use the full commit SHA',
} as const;

export const imageTagSha = defineRule({
  meta: {
    id: 'image-tag-sha',
    defaultSeverity: 'error',
    description:
      'Every image the repository builds, pushes or deploys is tagged with the full commit SHA (short SHA or a mutable alias beside it: warn).',
    fixable: false,
    commands: ['docker', 'podman', 'buildah', 'ecspresso'],
    messages,
  },
  check(context) {
    checkTaggings(context);
    checkTaskDefinitions(context);
  },
});

/**
 * Builds and pushes: each tag judged. A mutable tag is an alias (a warning) when the same build, or
 * any workflow of the repository (a release job that retags what main pushed), pushes the same
 * image repository under a full-SHA tag.
 */
function checkTaggings({ facts, report }: RuleContext<typeof messages>): void {
  const judged = facts.taggings.flatMap((tagging) => judgeTagging(tagging, facts));
  const withSha = judged.filter((j) => j.verdict.kind === 'sha');
  const groupsWithSha = new Set(withSha.map((j) => j.tagging.group));
  const repositoriesWithSha = new Set(withSha.flatMap((j) => j.repositories));
  for (const { tagging, verdict, image, repositories } of judged) {
    if (verdict.kind === 'short-sha') {
      report({
        at: verdict.span ?? tagging.span,
        message: 'shortSha',
        data: { image, source: verdict.source },
        severity: 'warn',
      });
    } else if (verdict.kind === 'mutable') {
      const span = pick(verdict.span, tagging.span);
      if (
        groupsWithSha.has(tagging.group) ||
        repositories.some((repository) => repositoriesWithSha.has(repository))
      ) {
        report({
          at: span,
          message: 'aliasBesideSha',
          data: { image, what: verdict.what },
          severity: 'warn',
        });
      } else {
        report({ at: span, message: 'mutableTag', data: { image, what: verdict.what } });
      }
    }
  }
}

interface Judged {
  readonly tagging: ImageTagging;
  readonly verdict: TagVerdict;
  readonly image: string;
  /** The image repositories the tag is given in (registry host left out), where known. */
  readonly repositories: readonly string[];
}

/** A tag, judged for each value it may have. */
function judgeTagging(tagging: ImageTagging, facts: Facts): Judged[] {
  if (tagging.metadata) return judgeMetadataLine(tagging, facts);
  const image = tagging.span.file.text.slice(tagging.span.start, tagging.span.end);
  return alternatives(tagging.pieces).flatMap((pieces): Judged[] => {
    const parts = splitImage(pieces);
    if (!parts || parts.digest) return [];
    if (!facts.usesEcspresso && !isEcr(parts.repository)) return [];
    // A local name (`app`, `app:test`) is never pushed anywhere a deploy could pull it from.
    if (parts.repository.every((p) => p.kind === 'text' && !p.text.includes('/'))) return [];
    const repository = repositoryPath(parts.repository);
    return [
      {
        tagging,
        verdict: judgeTag(parts.tag ?? []),
        image,
        repositories: repository === undefined ? [] : [repository],
      },
    ];
  });
}

/** A repository as compared across workflows; undefined when part of its path is not known. */
function repositoryPath(repository: readonly Piece[]): string | undefined {
  const path = withoutRegistryHost(repositoryText(repository));
  return path.includes('<') ? undefined : path;
}

/** One line of docker/metadata-action `tags:` (`type=sha,format=long`, `type=raw,value=…`, …). */
function judgeMetadataLine(tagging: ImageTagging, facts: Facts): Judged[] {
  const { line, images, flavor } = tagging.metadata!;
  const resolvedImages = images.map((i) => facts.resolver.expressionText(i, scopeOfStep(tagging)));
  if (!facts.usesEcspresso && !resolvedImages.some((i) => isEcr(i))) return [];
  const repositories = resolvedImages
    .map(repositoryPath)
    .filter((r): r is string => r !== undefined);
  if (flavor) {
    // `flavor: latest=true` pushes `:latest` too; `auto` only does so for the ref/semver types judged below.
    const value = line.value.slice(line.value.indexOf('=') + 1).trim();
    return value === 'true'
      ? [
          {
            tagging,
            verdict: judgeTag([{ kind: 'text', text: 'latest', span: line.span }]),
            image: line.value,
            repositories,
          },
        ]
      : [];
  }
  const attributes = new Map<string, string>();
  for (const part of line.value.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== -1) attributes.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  if (attributes.get('enable') === 'false') return [];
  const type = attributes.get('type') ?? (attributes.size === 0 ? 'raw' : undefined);
  const image = line.value;
  const span = line.span;
  const sym = (s: Piece & { kind: 'sym' }): Judged[] => [
    { tagging, verdict: judgeTag([s]), image, repositories },
  ];
  switch (type) {
    case 'sha':
      return attributes.get('format') === 'long'
        ? [{ tagging, verdict: { kind: 'sha' }, image, repositories }]
        : [
            {
              tagging,
              verdict: {
                kind: 'short-sha',
                source: 'type=sha (short by default; add format=long)',
                span,
              },
              image,
              repositories,
            },
          ];
    case 'raw': {
      const value = attributes.get('value') ?? line.value;
      return alternatives(facts.resolver.expressionText({ value, span }, scopeOfStep(tagging))).map(
        (pieces) => ({ tagging, verdict: judgeTag(pieces), image, repositories }),
      );
    }
    case 'ref':
    case 'semver':
    case 'pep440':
    case 'match':
    case 'edge':
      return sym({ kind: 'sym', sym: 'ref', source: `type=${type}`, span });
    case 'schedule':
      return sym({ kind: 'sym', sym: 'date', source: 'type=schedule', span });
    default:
      return [];
  }
}

function scopeOfStep(tagging: ImageTagging): {
  workflow: ImageTagging['job']['workflow'];
  job: ImageTagging['job'];
  step: ImageTagging['step'];
} {
  return { workflow: tagging.job.workflow, job: tagging.job, step: tagging.step };
}

/** Deploys: the task definition's image tag, followed to where the workflow sets its variable. */
function checkTaskDefinitions({ project, facts, report }: RuleContext<typeof messages>): void {
  const deploysByTaskDefinition = new Map<TaskDefinition, Deploy[]>();
  for (const deploy of facts.deploys) {
    const taskDefinition = deploy.config?.taskDefinition;
    if (taskDefinition)
      deploysByTaskDefinition.set(taskDefinition, [
        ...(deploysByTaskDefinition.get(taskDefinition) ?? []),
        deploy,
      ]);
  }
  const seen = new Set<TaskDefinition>();
  for (const config of project.ecspressoConfigs) {
    const taskDefinition = config.taskDefinition;
    if (!taskDefinition?.known || seen.has(taskDefinition)) continue;
    seen.add(taskDefinition);
    for (const image of taskDefinition.images.filter(isOwnImage)) {
      if (image.digest) continue;
      const span = image.tagSpan ?? image.image.span;
      const deploys = deploysByTaskDefinition.get(taskDefinition) ?? [];
      if (tagInTemplate(image)) {
        // `{{ must_env `IMAGE_URI` }}`: the whole reference, tag included, is set by the deploy.
        checkWholeReference(image, deploys, facts, report);
        continue;
      }
      if (!image.tag) {
        report({ at: image.image.span, message: 'noTag', data: { image: image.image.text } });
        continue;
      }
      const fallback = image.tag.find(
        (p) => p.kind === 'expr' && p.expr.func === 'env' && p.expr.args.length >= 2,
      );
      if (fallback && fallback.kind === 'expr') {
        const value = fallback.expr.args[1]!;
        const verdict = judgeTag([{ kind: 'text', text: value, span }]);
        if (verdict.kind !== 'sha') {
          report({
            at: fallback.expr.span,
            message: 'envFallback',
            data: { expression: fallback.expr.source, value, variable: fallback.expr.args[0]! },
          });
          continue;
        }
      }
      const literal = image.tag.every((p) => p.kind === 'text');
      if (literal) {
        const verdict = judgeTag(
          image.tag.map((p) => ({ kind: 'text', text: p.kind === 'text' ? p.text : '', span })),
        );
        if (verdict.kind === 'mutable')
          report({
            at: span,
            message: 'deployedWithMutableTag',
            data: { image: image.image.text, what: verdict.what },
          });
        continue;
      }
      for (const deploy of deploys) {
        const tag = image.tag.flatMap((part): Piece[] =>
          part.kind === 'text'
            ? [{ kind: 'text', text: part.text, span }]
            : variableAtDeploy(part.expr.func, part.expr.args, deploy, facts),
        );
        for (const pieces of alternatives(tag)) reportDeployTag(judgeTag(pieces), deploy, report);
      }
    }
  }
}

/** An image whose reference, tag included, a template gives: judged as each deploy sets it. */
function checkWholeReference(
  image: ContainerImage,
  deploys: readonly Deploy[],
  facts: Facts,
  report: RuleContext<typeof messages>['report'],
): void {
  const fallback = image.image.parts.find(
    (p) => p.kind === 'expr' && p.expr.func === 'env' && p.expr.args.length >= 2,
  );
  if (fallback?.kind === 'expr') {
    const value = fallback.expr.args[1]!;
    const parts = splitImage([{ kind: 'text', text: value, span: fallback.expr.span }]);
    const verdict = parts && !parts.digest ? judgeTag(parts.tag ?? []) : undefined;
    if (verdict && verdict.kind !== 'sha' && verdict.kind !== 'unknown') {
      report({
        at: fallback.expr.span,
        message: 'envFallback',
        data: { expression: fallback.expr.source, value, variable: fallback.expr.args[0]! },
      });
      return;
    }
  }
  for (const deploy of deploys) {
    const reference = image.image.parts.flatMap((part): Piece[] =>
      part.kind === 'text'
        ? [{ kind: 'text', text: part.text, span: image.image.span }]
        : variableAtDeploy(part.expr.func, part.expr.args, deploy, facts),
    );
    for (const pieces of alternatives(reference)) {
      const parts = splitImage(pieces);
      if (parts && !parts.digest) reportDeployTag(judgeTag(parts.tag ?? []), deploy, report);
    }
  }
}

/** What a deploy sets the image tag to, when that is not the full SHA. */
function reportDeployTag(
  verdict: TagVerdict,
  deploy: Deploy,
  report: RuleContext<typeof messages>['report'],
): void {
  if (verdict.kind === 'mutable') {
    report({
      at: pick(verdict.span, deploy.span),
      message: 'deployTagMutable',
      data: { config: deploy.config!.file.path, what: verdict.what },
    });
  } else if (verdict.kind === 'short-sha') {
    report({
      at: pick(verdict.span, deploy.span),
      message: 'deployTagShort',
      data: { config: deploy.config!.file.path, source: verdict.source },
      severity: 'warn',
    });
  }
}

/** What `must_env`/`env` reads when this deploy runs. */
function variableAtDeploy(
  func: string | undefined,
  args: readonly string[],
  deploy: Deploy,
  facts: Facts,
): Piece[] {
  const name = args[0];
  if ((func !== 'must_env' && func !== 'env') || name === undefined)
    return [{ kind: 'unknown', span: undefined }];
  if (deploy.site)
    return facts.resolver.envVariable(name, deploy.site.command.span, deploy.scope, 0, true);
  // doppio's deploy-ecspresso sets IMAGE_TAG from its `image-tag` input, github.sha by default.
  if (name !== 'IMAGE_TAG') return [{ kind: 'unknown', span: undefined }];
  const input = deploy.job.with.get('image-tag');
  return input
    ? facts.resolver.expressionText(input, deploy.scope)
    : [{ kind: 'sym', sym: 'sha', source: 'github.sha', span: deploy.span }];
}

/** A span inside a workflow when the value was traced there, else the fallback. */
function pick(span: Span | undefined, fallback: Span): Span {
  return span ?? fallback;
}
