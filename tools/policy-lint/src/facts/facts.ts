// Facts several rules share, computed once per project: where images are built and pushed with
// which tags, where deploys happen and to which environment.
import picomatch from 'picomatch';
import type { LintConfig } from '../config/config.js';
import type {
  EcspressoConfig,
  Job,
  Scalar,
  ShellCommand,
  ShellWord,
  Span,
  Step,
} from '../model/types.js';
import type { Piece, Resolver, Scope } from '../resolve/values.js';
import { actionId } from '../vocabulary/actions.js';
import { doppioWorkflow } from '../vocabulary/doppio.js';
import { configUses, doppioDeployUses, literals, scopeOf } from '../project/config-paths.js';
import { ecspressoInvocation, type EcspressoInvocation } from '../vocabulary/ecspresso.js';
import { allJobs, type CommandSite, type Project } from '../project/project.js';
import { commandName } from '../vocabulary/commands.js';

/** One tag an image is given: `docker build -t`, `docker push`, build-push-action `tags`, … */
export interface ImageTagging {
  readonly job: Job;
  readonly step: Step | undefined;
  /** The reference as resolved (registry/repository:tag). */
  readonly pieces: readonly Piece[];
  readonly span: Span;
  /** Taggings of one build or one step share a group: a mutable alias beside a SHA tag is a warning. */
  readonly group: string;
  /** docker/metadata-action line (its own tag grammar), resolved by the rule. */
  readonly metadata?:
    | { readonly line: Scalar; readonly images: readonly Scalar[]; readonly flavor?: boolean }
    | undefined;
}

export interface Deploy {
  readonly job: Job;
  /** Where values of this deploy are read (the matrix combination included). */
  readonly scope: Scope;
  readonly step: Step | undefined;
  readonly site: CommandSite | undefined;
  readonly invocation: EcspressoInvocation | undefined;
  readonly environment: string | undefined;
  /** Root-relative path of the ecspresso config, when known. */
  readonly configPath: string | undefined;
  readonly config: EcspressoConfig | undefined;
  readonly span: Span;
}

export interface Facts {
  readonly resolver: Resolver;
  readonly taggings: readonly ImageTagging[];
  /** Jobs that build or push an image. */
  readonly buildingJobs: ReadonlyMap<Job, Span>;
  readonly deploys: readonly Deploy[];
  /** True when the repository deploys with ecspresso in any way. */
  readonly usesEcspresso: boolean;
  recogniseEnvironment(name: string | undefined): string | undefined;
}

const cache = new WeakMap<Project, Facts>();

export function factsOf(project: Project): Facts {
  let facts = cache.get(project);
  if (!facts) {
    facts = computeFacts(project);
    cache.set(project, facts);
  }
  return facts;
}

function computeFacts(project: Project): Facts {
  const resolver = project.resolver;
  const recogniseEnvironment = environmentRecogniser(project.config);
  const taggings: ImageTagging[] = [];
  const buildingJobs = new Map<Job, Span>();
  const deploys: Deploy[] = [];
  // A job that builds in several places is reported at the first one in the file: later pushes
  // of the same image must not move the finding off the build that started it.
  const markBuilding = (job: Job, span: Span): void => {
    const known = buildingJobs.get(job);
    if (!known || (known.file === span.file && span.start < known.start))
      buildingJobs.set(job, span);
  };

  for (const job of allJobs(project)) {
    const called = doppioWorkflow(job.uses, project.config);
    if (called === 'build-push') {
      const span = job.uses!.raw.span;
      markBuilding(job, span);
      const tag = job.with.get('image-tag');
      taggings.push({
        job,
        step: undefined,
        pieces: [
          { kind: 'sym', sym: 'ecr-registry', source: 'build-push', span },
          { kind: 'text', text: '/repository:', span: undefined },
          ...(tag
            ? resolver.expressionText(tag, { workflow: job.workflow, job })
            : [
                {
                  kind: 'sym' as const,
                  sym: 'sha' as const,
                  source: 'github.sha (build-push default)',
                  span,
                },
              ]),
        ],
        span: tag?.span ?? span,
        group: `${job.workflow.file.path}#${job.id}`,
      });
    }
    if (called === 'deploy-ecspresso') {
      for (const use of doppioDeployUses(job, resolver)) {
        const environment = recogniseEnvironment(use.environment) ?? recogniseEnvironment(use.path);
        deploys.push({
          job,
          scope: use.scope,
          step: undefined,
          site: undefined,
          invocation: undefined,
          environment,
          configPath: use.path,
          config: findConfig(project, use.path),
          span: job.uses!.raw.span,
        });
      }
    }
    for (const step of job.steps) {
      // docker/build-push-action pushes only when asked; an image it only builds (or `load`s into
      // the runner's docker for tests) is never deployed, so its tags are nobody's concern.
      if (actionId(step.uses) === 'docker/build-push-action' && buildPushActionPushes(step)) {
        markBuilding(job, step.span);
        const tags = step.with.get('tags');
        if (tags) taggings.push(...buildPushActionTags(resolver, step, tags));
      }
    }
  }

  for (const site of project.commandSites) {
    const step = site.step;
    if (!step) continue;
    const name = commandName(site.command);
    if (name === 'docker' || name === 'podman' || name === 'buildah') {
      const found = dockerTaggings(site.command);
      // A build of local names only (`docker build -t app .` for a `docker run`) ships nothing.
      if ((found.built && found.words.length > 0) || found.pushed)
        markBuilding(step.job, site.command.span);
      const scope = scopeOf(site);
      for (const word of found.words) {
        taggings.push({
          job: step.job,
          step,
          pieces: resolver.shellText(word.raw, word.span, scope, 0),
          span: word.span,
          group: `${step.job.workflow.file.path}#${step.job.id}#${step.index}`,
        });
      }
    }
    const invocation = ecspressoInvocation(site.command);
    if (invocation && (invocation.subcommand === 'deploy' || invocation.subcommand === 'create')) {
      for (const use of configUses(site, invocation, resolver)) {
        // `environment: ${{ … }}` with several possible values is one deploy per environment.
        const named = step.job.environment
          ? literals(resolver.expressionText(step.job.environment, use.scope))
          : [undefined];
        const environments = new Set(
          named.map((name) => recogniseEnvironment(name) ?? recogniseEnvironment(use.path)),
        );
        for (const environment of environments)
          deploys.push({
            job: step.job,
            scope: use.scope,
            step,
            site,
            invocation,
            environment,
            configPath: use.path,
            config: findConfig(project, use.path),
            span: site.command.span,
          });
      }
    }
  }

  const usesEcspresso =
    project.ecspressoConfigs.length > 0 ||
    deploys.length > 0 ||
    project.commandSites.some((s) => commandName(s.command) === 'ecspresso') ||
    [...allJobs(project)].some(
      (j) =>
        doppioWorkflow(j.uses, project.config) !== undefined ||
        j.steps.some((s) => actionId(s.uses) === 'kayac/ecspresso'),
    );

  return { resolver, taggings, buildingJobs, deploys, usesEcspresso, recogniseEnvironment };
}

function findConfig(project: Project, path: string | undefined): EcspressoConfig | undefined {
  return path === undefined
    ? undefined
    : project.ecspressoConfigs.find((c) => c.file.path === path);
}

/** `push: true` (or an expression that may be true), or an output that pushes to a registry. */
function buildPushActionPushes(step: Step): boolean {
  const push = step.with.get('push')?.value.trim();
  const outputs = step.with.get('outputs')?.value ?? '';
  return (
    (push !== undefined && push !== 'false' && push !== '') ||
    /\btype=registry\b|\bpush=true\b/.test(outputs)
  );
}

function buildPushActionTags(resolver: Resolver, step: Step, tags: Scalar): ImageTagging[] {
  const group = `${step.job.workflow.file.path}#${step.job.id}#${step.index}`;
  const scope: Scope = { workflow: step.job.workflow, job: step.job, step };
  // `tags: ${{ steps.meta.outputs.tags }}` hands the tags of a docker/metadata-action step over.
  const meta = /^\s*\$\{\{\s*steps\.([\w-]+)\.outputs\.tags\s*\}\}\s*$/.exec(tags.value);
  const metaStep = meta
    ? step.job.steps.find((s) => s.id === meta[1] && actionId(s.uses) === 'docker/metadata-action')
    : undefined;
  if (metaStep) {
    const images = listOf(metaStep.with.get('images'), 'lines-and-commas', true);
    const tagLines = listOf(metaStep.with.get('tags'), 'lines', true).map((line) => ({
      job: step.job,
      step: metaStep,
      pieces: [],
      span: line.span,
      group,
      metadata: { line, images },
    }));
    // `flavor: latest=true` adds `:latest` to every build whatever `tags:` says: judged like a tag line.
    const flavorLines = listOf(metaStep.with.get('flavor'), 'lines-and-commas', true)
      .filter((line) => /^latest\s*=/.test(line.value))
      .map((line) => ({
        job: step.job,
        step: metaStep,
        pieces: [],
        span: line.span,
        group,
        metadata: { line, images, flavor: true },
      }));
    return [...tagLines, ...flavorLines];
  }
  return listOf(tags).map((tag) => ({
    job: step.job,
    step,
    pieces: resolver.expressionText(tag, scope),
    span: tag.span,
    group,
  }));
}

/** Splits a list-valued input by the action's rules (newlines, and commas unless `lines`);
 *  `comments`: lines starting with `#` are skipped, as docker/metadata-action does. */
function listOf(
  value: Scalar | undefined,
  separators: 'lines' | 'lines-and-commas' = 'lines-and-commas',
  comments = false,
): Scalar[] {
  if (!value) return [];
  const out: Scalar[] = [];
  const pattern = separators === 'lines' ? /[^\n]+/g : /[^\n,]+/g;
  const file = value.span.file;
  const source = file.text.slice(value.span.start, value.span.end);
  // Spans: find each item in the source text of the value (exact for block and plain scalars).
  let from = 0;
  for (const match of value.value.matchAll(pattern)) {
    const item = match[0].trim();
    if (!item || (comments && item.startsWith('#'))) continue;
    const at = source.indexOf(item, from);
    const start = at === -1 ? value.span.start : value.span.start + at;
    if (at !== -1) from = at + item.length;
    out.push({
      value: item,
      span: { file, start, end: at === -1 ? value.span.end : start + item.length },
    });
  }
  return out;
}

/** Image references a docker command builds (`-t`), tags (`docker tag` target) or pushes. */
function dockerTaggings(command: ShellCommand): {
  words: ShellWord[];
  built: boolean;
  pushed: boolean;
} {
  const args = command.args;
  const words: ShellWord[] = [];
  const literal = args.map((a) => a.literal);
  let i = 0;
  while (i < args.length && literal[i]?.startsWith('-')) i++;
  let sub = literal[i];
  if (sub === 'buildx' || sub === 'image') sub = literal[++i];
  if (sub === 'build') {
    const pushed =
      literal.includes('--push') ||
      literal.some((a) => a?.startsWith('--output') && a.includes('push=true'));
    for (let j = i + 1; j < args.length; j++) {
      const text = literal[j] ?? '';
      if (text === '-t' || text === '--tag') {
        const word = args[++j];
        if (word && isRegistryReference(word)) words.push(word);
      }
    }
    return { words, built: true, pushed };
  }
  if (sub === 'push') {
    // `docker push --all-tags repo` pushes the tags given earlier, not an implicit `latest`.
    if (literal.includes('-a') || literal.includes('--all-tags'))
      return { words, built: false, pushed: true };
    const word = args.slice(i + 1).find((a) => !(a.literal ?? '').startsWith('-'));
    if (word) words.push(word);
    return { words, built: false, pushed: true };
  }
  if (sub === 'tag') {
    const target = args.slice(i + 1).filter((a) => !(a.literal ?? '').startsWith('-'))[1];
    if (target && isRegistryReference(target)) words.push(target);
    return { words, built: false, pushed: false };
  }
  return { words, built: false, pushed: false };
}

/** `-t myapp` names a local image; a reference with a registry or an expansion may be pushed. */
function isRegistryReference(word: ShellWord): boolean {
  return word.literal === undefined || word.literal.includes('/');
}

const BUILT_IN: readonly [string, readonly string[]][] = [
  ['production', ['production', 'prod', 'prd']],
  ['staging', ['staging', 'stg', 'stage']],
  ['development', ['development', 'dev']],
];

/** Environment names from GitHub environment names or config paths; the config's mapping wins. */
function environmentRecogniser(
  config: LintConfig,
): (name: string | undefined) => string | undefined {
  const mapped = [...config.environments].map(
    ([env, patterns]) => [env, picomatch([...patterns], { dot: true, nocase: true })] as const,
  );
  return (name) => {
    if (name === undefined || name.includes('${{')) return undefined;
    for (const [env, matches] of mapped) if (matches(name)) return env;
    const words = name.toLowerCase().split(/[^a-z0-9]+/);
    for (const [env, aliases] of BUILT_IN) if (words.some((w) => aliases.includes(w))) return env;
    return undefined;
  };
}
