// `doppio-lint init` flags → validated options. Everything a flag can put into a workflow is checked
// here against a strict pattern, so no value can break out of the YAML or into an expression.
import { isFullSha } from '@doppio-dev/shared';
import { type OptionSpecs, optionsHelp, parseCommandLine } from '../command-line.js';
import { UsageError } from '../errors.js';

export interface InitOptions {
  /** Directory of the service repository (absolute or relative to cwd). */
  readonly directory: string;
  /** Every environment in deploy order; the last is the one a release tag deploys to. */
  readonly environments: readonly string[];
  readonly services: readonly string[];
  /** Path of an ecspresso config with `{environment}` and `{service}` placeholders. */
  readonly configPath: string;
  readonly awsRegion: string;
  readonly ecrRepository: string;
  /** `build` and each environment → the value of `role-to-assume` (an ARN or `${{ vars.NAME }}`). */
  readonly roles: ReadonlyMap<string, string>;
  /** Rewrite doppio's references to this ref (a release's commit SHA); undefined keeps the templates' ref. */
  readonly doppioRef: string | undefined;
  /** The version whose tag names `doppioRef` (known only from the package's release), written as `# vX.Y.Z`. */
  readonly doppioVersion?: string | undefined;
  /** Rewrite doppio's references to this repository (a fork or mirror); undefined keeps the templates'. */
  readonly doppioRepository: string | undefined;
  readonly force: boolean;
}

/** init's options: `init --help` lists exactly these. */
export const INIT_OPTIONS = {
  services: {
    type: 'string',
    value: '<a,b,…>',
    description: 'ECS services, one ecspresso config each (required)',
  },
  'aws-region': {
    type: 'string',
    value: '<region>',
    description: 'AWS region of ECR and ECS (required)',
  },
  'ecr-repository': {
    type: 'string',
    value: '<name>',
    description: 'the ECR repository the image is pushed to (required)',
  },
  environments: {
    type: 'string',
    value: '<a,b,…>',
    description:
      'GitHub environments in deploy order: a push to main\ndeploys to each but the last, each one after the one\nbefore it succeeded; a release tag deploys to the last\n(default: staging,production)',
  },
  'config-path': {
    type: 'string',
    value: '<pattern>',
    description:
      'ecspresso config of each service and environment\n(default: .ecspresso/{environment}/{service}.yaml)',
  },
  'role-arn': {
    type: 'string',
    multiple: true,
    value: '<key=value>',
    description:
      'role-to-assume of `build` or of an environment: an IAM\nrole ARN or vars.NAME (repeatable; default:\nvars.AWS_BUILD_ROLE_ARN and\nvars.AWS_<ENVIRONMENT>_DEPLOY_ROLE_ARN)',
  },
  'doppio-ref': {
    type: 'string',
    value: '<sha>',
    description:
      "call doppio at this commit: a release's full 40-hex SHA\n(default: the release this package was published\nfrom, `@<sha> # vX.Y.Z`)",
  },
  'allow-mutable-ref': {
    type: 'boolean',
    description:
      "accept a --doppio-ref that is a tag or branch (doppio-lint's\nshared-flow-ref reports it unless its options allow it)",
  },
  'doppio-repository': {
    type: 'string',
    value: '<owner/name>',
    description: 'call doppio from this repository (a fork or mirror)',
  },
  force: { type: 'boolean', description: 'overwrite existing files' },
  help: { type: 'boolean', short: 'h', description: 'print this help' },
} as const satisfies OptionSpecs;

export const INIT_HELP = `Usage: doppio-lint init [options] [directory]

Writes doppio's caller workflows into a service repository (default: the current directory).
With the default environments, staging,production:
.github/workflows/staging.yml     push to main: build once, deploy every service to staging
.github/workflows/production.yml  release tag v*: deploy the same image to production
.github/workflows/rollback.yml    run by hand: roll back one service in one environment
.github/workflows/policy-lint.yml pull requests: doppio-lint with code-scanning upload
--environments names them after yours, in deploy order: with dev,qa,prod a push to main deploys
to dev, then to qa once dev has succeeded (dev-qa.yml), and a release tag to prod (prod.yml).

Options:
${optionsHelp(INIT_OPTIONS)}

Exit status: 0 written, 2 nothing written (a bad option, or a file exists and --force is not given).
`;

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ECR_REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;
const VARIABLE = /^vars\.([A-Za-z_][A-Za-z0-9_]*)$/;
const CONFIG_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.{}/-]+$/;
const GIT_REF = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const DEFAULT_ENVIRONMENTS = ['staging', 'production'] as const;
export const DEFAULT_CONFIG_PATH = '.ecspresso/{environment}/{service}.yaml';

/** The repository variable a role comes from when no `--role-arn` names it. */
export function defaultRoleVariable(key: string): string {
  return key === 'build'
    ? 'AWS_BUILD_ROLE_ARN'
    : `AWS_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_DEPLOY_ROLE_ARN`;
}

/**
 * The files of the workflows that deploy: the one a push to main runs is named after its
 * environments (`staging.yml`; `dev-qa.yml` for dev,qa,prod), the one a release tag runs after its
 * environment (`production.yml`, `prod.yml`). rollback.yml and policy-lint.yml keep their names.
 */
export function workflowFiles(environments: readonly string[]): {
  readonly main: string;
  readonly release: string;
} {
  return {
    main: `${environments.slice(0, -1).join('-')}.yml`,
    release: `${environments.at(-1)!}.yml`,
  };
}

export function configPathOf(pattern: string, environment: string, service: string): string {
  return pattern.replaceAll('{environment}', environment).replaceAll('{service}', service);
}

export function parseInitOptions(argv: readonly string[]): InitOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    subcommand: 'init',
    options: INIT_OPTIONS,
  });
  if (values.help) return 'help';
  if (positionals.length > 1)
    throw new UsageError(
      `init takes one directory (got ${positionals.length}: ${positionals.join(', ')})`,
    );

  const environments = list(
    '--environments',
    values.environments ?? DEFAULT_ENVIRONMENTS.join(','),
  );
  if (environments.length < 2)
    throw new UsageError(
      'init: --environments needs at least two: the ones a push to main deploys to, then the one a release tag deploys to (e.g. staging,production)',
    );
  const files = workflowFiles(environments);
  const clash = [files.main, files.release].find(
    (file, index, all) =>
      ['rollback.yml', 'policy-lint.yml'].includes(file) || all.indexOf(file) !== index,
  );
  if (clash !== undefined)
    throw new UsageError(
      `init: --environments ${environments.join(',')} would write two workflows named ${clash} (the deploy workflows are named after the environments): rename an environment`,
    );
  const services = list('--services', required('--services', values.services));

  const configPath = values['config-path'] ?? DEFAULT_CONFIG_PATH;
  if (!CONFIG_PATH.test(configPath))
    throw new UsageError(
      `init: --config-path must be a relative path of letters, digits and _ . - / with {environment} and {service} (got \`${configPath}\`)`,
    );
  if (/\{(?!environment\}|service\})/.test(configPath))
    throw new UsageError(
      `init: --config-path knows only {environment} and {service} (got \`${configPath}\`)`,
    );
  if (!configPath.includes('{environment}'))
    throw new UsageError(
      'init: --config-path must contain {environment}: every environment has its own ecspresso config',
    );
  if (services.length > 1 && !configPath.includes('{service}'))
    throw new UsageError(
      'init: --config-path must contain {service} when there are several services',
    );

  const awsRegion = required('--aws-region', values['aws-region']);
  if (!REGION.test(awsRegion))
    throw new UsageError(
      `init: --aws-region must be an AWS region such as ap-northeast-1 (got \`${awsRegion}\`)`,
    );
  const ecrRepository = required('--ecr-repository', values['ecr-repository']);
  if (!ECR_REPOSITORY.test(ecrRepository))
    throw new UsageError(
      `init: --ecr-repository must be an ECR repository name such as example-service (got \`${ecrRepository}\`)`,
    );

  const roles = new Map<string, string>();
  for (const key of ['build', ...environments])
    roles.set(key, `\${{ vars.${defaultRoleVariable(key)} }}`);
  for (const setting of values['role-arn'] ?? []) {
    const match = /^([^=]+)=(.*)$/.exec(setting);
    if (!match)
      throw new UsageError(
        `init: --role-arn takes build=<value> or <environment>=<value> (got \`${setting}\`)`,
      );
    const [, key, value] = match as unknown as [string, string, string];
    if (!roles.has(key))
      throw new UsageError(
        `init: --role-arn: \`${key}\` is neither build nor one of the environments (${environments.join(', ')})`,
      );
    const variable = VARIABLE.exec(value);
    if (variable) roles.set(key, `\${{ vars.${variable[1]} }}`);
    else if (ROLE_ARN.test(value)) roles.set(key, value);
    else
      throw new UsageError(
        `init: --role-arn ${key}= takes an IAM role ARN (arn:aws:iam::123456789012:role/name) or vars.NAME (got \`${value}\`)`,
      );
  }

  const doppioRef = values['doppio-ref'];
  if (doppioRef !== undefined && !isFullSha(doppioRef)) {
    // A tag or branch can be moved under the caller; only a commit pins what runs.
    if (!values['allow-mutable-ref'])
      throw new UsageError(
        `init: --doppio-ref must be the full 40-hex commit SHA of a doppio release (got \`${doppioRef}\`): write \`--doppio-ref <sha>\`, or add --allow-mutable-ref to call doppio at a tag or branch`,
      );
    if (!GIT_REF.test(doppioRef))
      throw new UsageError(
        `init: --doppio-ref must be a commit SHA, a tag or a branch name (got \`${doppioRef}\`)`,
      );
  }
  const doppioRepository = values['doppio-repository'];
  if (doppioRepository !== undefined && !REPOSITORY.test(doppioRepository))
    throw new UsageError(
      `init: --doppio-repository must be owner/name (got \`${doppioRepository}\`)`,
    );

  return {
    directory: positionals[0] ?? '.',
    environments,
    services,
    configPath,
    awsRegion,
    ecrRepository,
    roles,
    doppioRef,
    doppioRepository,
    force: values.force === true,
  };
}

function required(flag: `--${keyof typeof INIT_OPTIONS}`, value: string | undefined): string {
  if (value === undefined || value === '') {
    const spec = INIT_OPTIONS[flag.slice(2) as keyof typeof INIT_OPTIONS];
    throw new UsageError(
      `init: ${flag} is required: write \`${flag} ${'value' in spec ? spec.value : ''}\``,
    );
  }
  return value;
}

function list(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of items) {
    if (!NAME.test(item))
      throw new UsageError(
        `init: ${flag}: \`${item}\` is not a name (a letter, then letters, digits, _ or -)`,
      );
  }
  const duplicate = items.find((item, index) => items.indexOf(item) !== index);
  if (duplicate !== undefined) throw new UsageError(`init: ${flag} names \`${duplicate}\` twice`);
  if (items.length === 0) throw new UsageError(`init: ${flag} is empty`);
  return items;
}
