// Turns doppio's caller templates (workflows/templates/*.yml, concrete workflows that lint clean)
// into one service repository's workflows. The templates are edited as YAML documents, node by node:
// comments, blank lines and quoting stay as they are, and the templates instantiated with their own
// values come out byte for byte (the example service is exactly that).
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  visit,
  type Document,
  type Pair,
  type YAMLMap,
} from 'yaml';
import {
  configPathOf,
  DEFAULT_ENVIRONMENTS,
  defaultRoleVariable,
  type InitOptions,
  workflowFiles,
} from './options.js';

export const TEMPLATE_FILES = [
  'staging.yml',
  'production.yml',
  'rollback.yml',
  'policy-lint.yml',
] as const;
export type TemplateName = (typeof TEMPLATE_FILES)[number];

const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

/** The workflows for one repository, by path relative to it. */
export function renderTemplates(
  templates: ReadonlyMap<TemplateName, string>,
  options: InitOptions,
): Map<string, string> {
  const files = new Map<string, string>();
  const named = workflowFiles(options.environments);
  const names = new Map<TemplateName, string>([
    ['staging.yml', named.main],
    ['production.yml', named.release],
  ]);
  const { main, release } = splitEnvironments(options);
  const [defaultMain, defaultRelease] = DEFAULT_ENVIRONMENTS;
  for (const name of TEMPLATE_FILES) {
    const text = templates.get(name);
    if (text === undefined) throw new Error(`the template ${name} is missing`);
    const doc = parseDocument(text);
    if (doc.errors.length > 0)
      throw new Error(`the template ${name} does not parse: ${doc.errors[0]!.message}`);
    if (name === 'staging.yml') {
      renderStaging(doc, options);
      rewriteComments(doc, {
        [`${defaultRelease}.yml`]: named.release,
        [defaultMain]: inTurn(main),
      });
    } else if (name === 'production.yml') {
      renderProduction(doc, options);
      rewriteComments(doc, {
        [`${defaultMain}.yml`]: named.main,
        [defaultMain]: main.at(-1)!,
        [defaultRelease]: release,
        [defaultRoleVariable(defaultRelease)]: defaultRoleVariable(release),
      });
    } else if (name === 'rollback.yml') renderRollback(doc, options);
    files.set(
      `.github/workflows/${names.get(name) ?? name}`,
      rewriteDoppioRefs(doc.toString(STRINGIFY), options),
    );
  }
  return files;
}

/** `dev`, `dev, then qa`, `dev, qa, then uat`: the deploy order in words. */
function inTurn(environments: readonly string[]): string {
  return environments.length === 1
    ? environments[0]!
    : `${environments.slice(0, -1).join(', ')}, then ${environments.at(-1)!}`;
}

/**
 * Replaces whole words (environment names, file names, variables) in every comment of the
 * document; the templates' comments name the default environments, the output names the user's.
 */
function rewriteComments(doc: Document, words: Readonly<Record<string, string>>): void {
  const pattern = new RegExp(
    `(?<![\\w.-])(${Object.keys(words)
      .sort((a, b) => b.length - a.length)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![\\w-])`,
    'g',
  );
  const rewrite = (comment: string | null | undefined): string | null | undefined =>
    comment?.replace(pattern, (word) => words[word]!);
  doc.commentBefore = rewrite(doc.commentBefore) ?? null;
  doc.comment = rewrite(doc.comment) ?? null;
  visit(doc, (_, node) => {
    if (isMap(node) || isSeq(node) || isScalar(node)) {
      node.commentBefore = rewrite(node.commentBefore);
      node.comment = rewrite(node.comment);
    }
  });
}

/** The environments a push to main deploys to, and the one a release tag deploys to. */
export function splitEnvironments(options: InitOptions): {
  readonly main: readonly string[];
  readonly release: string;
} {
  return { main: options.environments.slice(0, -1), release: options.environments.at(-1)! };
}

function renderStaging(doc: Document, options: InitOptions): void {
  const { main } = splitEnvironments(options);
  const jobs = mapAt(doc, ['jobs']);
  setScalar(doc, ['name'], main.join(', '));
  setScalar(doc, ['jobs', 'build', 'with', 'aws-region'], options.awsRegion);
  setScalar(doc, ['jobs', 'build', 'with', 'role-to-assume'], options.roles.get('build')!);
  setScalar(doc, ['jobs', 'build', 'with', 'ecr-repository'], options.ecrRepository);
  const idOf = (environment: string): string =>
    main.length === 1 ? 'deploy' : `deploy-${environment}`;
  const ids = replaceJob(jobs, 'deploy', main, idOf, (job, environment) => {
    // Each environment after the one before it has succeeded; every one needs build's image tag.
    const before = main[main.indexOf(environment) - 1];
    if (before !== undefined)
      job.set('needs', doc.createNode(['build', idOf(before)], { flow: true }));
    setJobName(job, `deploy \${{ matrix.service }} to ${environment}`);
    setInclude(
      doc,
      job,
      options.services.map((service) => ({
        service,
        config: configPathOf(options.configPath, environment, service),
      })),
    );
    setDeployInputs(job, options, environment);
  });
  setFlowSeq(doc, ['jobs', 'notify', 'needs'], ['build', ...ids]);
  setScalar(
    doc,
    ['jobs', 'notify', 'with', 'title'],
    `\${{ github.event.repository.name }} → ${main.join(', ')}`,
  );
}

function renderProduction(doc: Document, options: InitOptions): void {
  const { main, release } = splitEnvironments(options);
  // Production deploys exactly what the environment before it runs now.
  const before = main.at(-1)!;
  setScalar(doc, ['name'], release);
  const job = mapAt(doc, ['jobs', 'deploy']);
  setJobName(job, `deploy \${{ matrix.service }} to ${release}`);
  setInclude(
    doc,
    job,
    options.services.map((service) => ({
      service,
      config: configPathOf(options.configPath, release, service),
      'compare-with': configPathOf(options.configPath, before, service),
    })),
  );
  setDeployInputs(job, options, release);
  setScalar(
    doc,
    ['jobs', 'notify', 'with', 'title'],
    `\${{ github.event.repository.name }} \${{ github.ref_name }} → ${release}`,
  );
}

function renderRollback(doc: Document, options: InitOptions): void {
  setFlowSeq(
    doc,
    ['on', 'workflow_dispatch', 'inputs', 'environment', 'options'],
    options.environments,
  );
  setFlowSeq(doc, ['on', 'workflow_dispatch', 'inputs', 'service', 'options'], options.services);
  const jobs = mapAt(doc, ['jobs']);
  // One job per environment, each with its own role and config, run only for the chosen one.
  const template = jobs.items.find(
    (pair) => isScalar(pair.key) && String(pair.key.value).startsWith('rollback-'),
  );
  if (!template) throw new Error('the rollback template has no rollback-<environment> job');
  jobs.items = jobs.items.filter(
    (pair) =>
      pair === template || !(isScalar(pair.key) && String(pair.key.value).startsWith('rollback-')),
  );
  const ids = replaceJob(
    jobs,
    String((template.key as Scalar).value),
    options.environments,
    (environment) => `rollback-${environment}`,
    (job, environment) => {
      setJobName(job, `roll back \${{ inputs.service }} in ${environment}`);
      job.set('if', `inputs.environment == '${environment}'`);
      setScalarIn(job, ['with', 'aws-region'], options.awsRegion);
      setScalarIn(job, ['with', 'role-to-assume'], options.roles.get(environment)!);
      setScalarIn(job, ['with', 'environment'], environment);
      setScalarIn(
        job,
        ['with', 'config'],
        configPathOf(options.configPath, environment, '${{ inputs.service }}'),
      );
    },
  );
  // The report follows whichever rollback job ran.
  setFlowSeq(doc, ['jobs', 'notify', 'needs'], ids);
}

function setDeployInputs(job: YAMLMap, options: InitOptions, environment: string): void {
  setScalarIn(job, ['with', 'aws-region'], options.awsRegion);
  setScalarIn(job, ['with', 'role-to-assume'], options.roles.get(environment)!);
  setScalarIn(job, ['with', 'environment'], environment);
}

/**
 * Replaces the job `id` with one copy per item, in its place, each edited by `edit`; returns the
 * new job ids. Copies after the first are separated by a blank line, as jobs are in the templates.
 */
function replaceJob(
  jobs: YAMLMap,
  id: string,
  items: readonly string[],
  idOf: (item: string) => string,
  edit: (job: YAMLMap, item: string) => void,
): string[] {
  const index = jobs.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === id);
  if (index < 0) throw new Error(`the template has no job \`${id}\``);
  const original = jobs.items[index]! as Pair<Scalar, YAMLMap>;
  const copies = items.map((item, n) => {
    const key = new Scalar(idOf(item));
    key.spaceBefore = n === 0 ? original.key.spaceBefore : true;
    if (n === 0) key.commentBefore = original.key.commentBefore;
    const job = original.value!.clone() as YAMLMap;
    edit(job, item);
    const pair = original.clone() as Pair<Scalar, YAMLMap>;
    pair.key = key;
    pair.value = job;
    return pair;
  });
  jobs.items.splice(index, 1, ...copies);
  return items.map(idOf);
}

function setInclude(doc: Document, job: YAMLMap, entries: readonly Record<string, string>[]): void {
  const include = job.getIn(['strategy', 'matrix', 'include'], true);
  if (!isSeq(include)) throw new Error('the template job has no strategy.matrix.include');
  include.items = entries.map((entry) => doc.createNode(entry));
}

function setJobName(job: YAMLMap, name: string): void {
  setScalarIn(job, ['name'], name);
}

function mapAt(doc: Document, path: readonly string[]): YAMLMap {
  const node = doc.getIn(path, true);
  if (!isMap(node)) throw new Error(`the template has no mapping at ${path.join('.')}`);
  return node;
}

function setScalar(doc: Document, path: readonly string[], value: string): void {
  const node = doc.getIn(path, true);
  if (!isScalar(node)) throw new Error(`the template has no value at ${path.join('.')}`);
  node.value = value;
}

function setScalarIn(map: YAMLMap, path: readonly string[], value: string): void {
  const node = map.getIn(path, true);
  if (!isScalar(node)) throw new Error(`the template job has no value at ${path.join('.')}`);
  node.value = value;
}

function setFlowSeq(doc: Document, path: readonly string[], values: readonly string[]): void {
  const node = doc.getIn(path, true);
  if (!isSeq(node)) throw new Error(`the template has no list at ${path.join('.')}`);
  node.items = values.map((value) => doc.createNode(value));
}

/** `<owner>/<name>/.github/workflows/<file>@<ref>` and `<owner>/<name>/actions/<name>@<ref>`, with an optional version comment. */
const DOPPIO_USES =
  /^(\s*(?:-\s+)?uses:\s*)([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(\/(?:\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml|actions\/[A-Za-z0-9_.-]+))@([^\s#]+)(\s+#\s*v\d[^\s]*)?[ \t]*$/gm;

/**
 * Points every reference to doppio itself at `--doppio-ref` (or the package's release) and
 * `--doppio-repository`; `# v<doppioVersion>` follows a ref only when it is the commit that tag names.
 */
export function rewriteDoppioRefs(
  text: string,
  options: Pick<InitOptions, 'doppioRef' | 'doppioRepository' | 'doppioVersion'>,
): string {
  if (options.doppioRef === undefined && options.doppioRepository === undefined) return text;
  return text.replace(
    DOPPIO_USES,
    (
      line,
      lead: string,
      repository: string,
      path: string,
      ref: string,
      comment: string | undefined,
    ) => {
      if (!/(^|\/)doppio$/.test(repository)) return line;
      const newRef = options.doppioRef ?? ref;
      const newComment =
        options.doppioRef === undefined
          ? (comment ?? '')
          : options.doppioVersion === undefined
            ? ''
            : ` # v${options.doppioVersion}`;
      return `${lead}${options.doppioRepository ?? repository}${path}@${newRef}${newComment}`;
    },
  );
}

/** The ref the templates call doppio at (`main` on doppio's main branch, a commit SHA in a release). */
export function templateDoppioRef(text: string): string | undefined {
  for (const match of text.matchAll(DOPPIO_USES))
    if (/(^|\/)doppio$/.test(match[2]!)) return match[4];
  return undefined;
}
