// `doppio-lint init`: the templates it writes, filled in from the flags, lint clean; it refuses to
// overwrite; and the package's copy of the templates is exactly workflows/templates.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { lint } from '../src/index.js';
import { configPathOf } from '../src/init/options.js';
import { TEMPLATE_FILES } from '../src/init/render.js';
import { runInit } from '../src/init/init.js';
import { readReleasePin, templatesDirectory } from '../src/init/templates.js';
import { scratch } from './support/repos.js';
import { captureConsole } from './support/console.js';

const REPOSITORY = join(import.meta.dirname, '..', '..', '..');
const SOURCE_TEMPLATES = join(REPOSITORY, 'workflows', 'templates');
const EXAMPLE_SERVICE = join(REPOSITORY, 'workflows', 'example-service');
const RELEASE_SHA = '0123456789abcdef0123456789abcdef01234567';
const BASE = ['--aws-region', 'ap-northeast-1', '--ecr-repository', 'example-service'];

const repos = scratch('init');
afterAll(() => repos.remove());

const io = captureConsole();

/** ecspresso configs, task and service definitions as a service repository has them. */
function ecspressoFiles(
  environments: readonly string[],
  services: readonly string[],
  pattern: string,
  repository: string,
  region: string,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const environment of environments) {
    for (const service of services) {
      const config = configPathOf(pattern, environment, service);
      const base = `${environment}-${service}`;
      files[config] = [
        `region: ${region}`,
        `cluster: ${environment}`,
        `service: ${service}`,
        `service_definition: ${base}-service-def.json`,
        `task_definition: ${base}-task-def.json`,
        '',
      ].join('\n');
      files[join(dirname(config), `${base}-task-def.json`)] = `${JSON.stringify(
        {
          family: `${repository}-${base}`,
          containerDefinitions: [
            {
              name: 'app',
              essential: true,
              image: `{{ must_env \`AWS_ACCOUNT_ID\` }}.dkr.ecr.${region}.amazonaws.com/${repository}:{{ must_env \`IMAGE_TAG\` }}`,
            },
          ],
        },
        null,
        2,
      )}\n`;
      files[join(dirname(config), `${base}-service-def.json`)] =
        `${JSON.stringify({ desiredCount: 1, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }, null, 2)}\n`;
    }
  }
  return files;
}

async function findings(root: string): Promise<string[]> {
  const report = await lint({ paths: [root], cwd: root, actionlint: true });
  return report.findings.map((f) => `${f.file}:${f.line}: ${f.ruleId}: ${f.message}`);
}

describe('doppio-lint init', () => {
  it('writes the templates unchanged when given their own values (the example service is exactly that)', async () => {
    const root = repos.repo({});
    expect(await main(['init', root, ...BASE, '--services', 'web,worker'])).toBe(0);
    expect(readdirSync(join(root, '.github', 'workflows')).sort()).toEqual(
      [...TEMPLATE_FILES].sort(),
    );
    for (const name of TEMPLATE_FILES) {
      const written = readFileSync(join(root, '.github', 'workflows', name), 'utf8');
      expect(written, name).toBe(readFileSync(join(SOURCE_TEMPLATES, name), 'utf8'));
      expect(written, `workflows/example-service/.github/workflows/${name}`).toBe(
        readFileSync(join(EXAMPLE_SERVICE, '.github', 'workflows', name), 'utf8'),
      );
    }
    expect(io.out).toContain('wrote .github/workflows/staging.yml');
    // The templates call doppio at main on doppio's main branch: init says what that means.
    expect(io.out).toMatch(/call doppio at `main`.*--doppio-ref/);
  });

  it('writes workflows that lint clean, actionlint included (two services, release SHA)', async () => {
    const root = repos.repo(
      ecspressoFiles(
        ['staging', 'production'],
        ['web', 'worker'],
        '.ecspresso/{environment}/{service}.yaml',
        'shop',
        'eu-west-1',
      ),
    );
    expect(
      await main([
        'init',
        root,
        '--aws-region',
        'eu-west-1',
        '--ecr-repository',
        'shop',
        '--services',
        'web,worker',
        '--doppio-ref',
        RELEASE_SHA,
      ]),
    ).toBe(0);
    expect(io.out).not.toContain('do not exist yet');
    expect(await findings(root)).toEqual([]);
  });

  it('writes workflows that lint clean for three environments, one service, its own config paths and literal role ARNs', async () => {
    const environments = ['dev', 'stg', 'prd'];
    const pattern = 'deploy/{environment}/ecspresso.yml';
    const root = repos.repo(
      ecspressoFiles(environments, ['api'], pattern, 'acme/api', 'us-east-1'),
    );
    const argv = [
      'init',
      root,
      '--environments',
      environments.join(','),
      '--services',
      'api',
      '--config-path',
      pattern,
      '--aws-region',
      'us-east-1',
      '--ecr-repository',
      'acme/api',
    ];
    const roles = [
      '--role-arn',
      'build=arn:aws:iam::123456789012:role/build',
      '--role-arn',
      'prd=arn:aws:iam::123456789012:role/deploy-prd',
      '--role-arn',
      'dev=vars.DEV_ROLE',
    ];
    expect(await main([...argv, ...roles, '--doppio-ref', RELEASE_SHA])).toBe(0);
    expect(await findings(root)).toEqual([]);

    const workflows = join(root, '.github', 'workflows');
    const staging = parse(readFileSync(join(workflows, 'dev-stg.yml'), 'utf8'));
    expect(Object.keys(staging.jobs)).toEqual(['build', 'deploy-dev', 'deploy-stg', 'notify']);
    expect(staging.jobs.notify.needs).toEqual(['build', 'deploy-dev', 'deploy-stg']);
    expect(staging.jobs.build.with).toMatchObject({
      'aws-region': 'us-east-1',
      'ecr-repository': 'acme/api',
      'role-to-assume': 'arn:aws:iam::123456789012:role/build',
    });
    expect(staging.jobs['deploy-dev'].with['role-to-assume']).toBe('${{ vars.DEV_ROLE }}');
    expect(staging.jobs['deploy-stg'].with['role-to-assume']).toBe(
      '${{ vars.AWS_STG_DEPLOY_ROLE_ARN }}',
    );
    expect(staging.jobs['deploy-stg'].strategy.matrix.include).toEqual([
      { service: 'api', config: 'deploy/stg/ecspresso.yml' },
    ]);
    const production = parse(readFileSync(join(workflows, 'prd.yml'), 'utf8'));
    expect(production.jobs.deploy.with).toMatchObject({
      environment: 'prd',
      'role-to-assume': 'arn:aws:iam::123456789012:role/deploy-prd',
    });
    expect(production.jobs.deploy.strategy.matrix.include).toEqual([
      {
        service: 'api',
        config: 'deploy/prd/ecspresso.yml',
        'compare-with': 'deploy/stg/ecspresso.yml',
      },
    ]);
    const rollback = parse(readFileSync(join(workflows, 'rollback.yml'), 'utf8'));
    expect(rollback.on.workflow_dispatch.inputs.environment.options).toEqual(environments);
    expect(Object.keys(rollback.jobs)).toEqual([
      'rollback-dev',
      'rollback-stg',
      'rollback-prd',
      'notify',
    ]);
    expect(rollback.jobs['notify']?.needs).toEqual([
      'rollback-dev',
      'rollback-stg',
      'rollback-prd',
    ]);
    expect(rollback.jobs['rollback-prd']).toMatchObject({
      if: "inputs.environment == 'prd'",
      with: { config: 'deploy/prd/ecspresso.yml', environment: 'prd' },
    });
    for (const name of readdirSync(workflows)) {
      const text = readFileSync(join(workflows, name), 'utf8');
      for (const uses of text.matchAll(/uses: (doppio-dev\/doppio\/\S+)/g))
        expect(uses[1]).toMatch(new RegExp(`@${RELEASE_SHA}$`));
    }
  });

  it('follows --environments dev,qa,prod: files, jobs and comments named after them, deployed in that order, and lints clean', async () => {
    const environments = ['dev', 'qa', 'prod'];
    const root = repos.repo(
      ecspressoFiles(
        environments,
        ['web', 'worker'],
        '.ecspresso/{environment}/{service}.yaml',
        'shop',
        'eu-west-1',
      ),
    );
    const argv = ['init', root, '--environments', 'dev,qa,prod', '--services', 'web,worker'];
    const flags = ['--aws-region', 'eu-west-1', '--ecr-repository', 'shop'];
    expect(await main([...argv, ...flags, '--doppio-ref', RELEASE_SHA])).toBe(0);
    expect(await findings(root)).toEqual([]);

    const workflows = join(root, '.github', 'workflows');
    expect(readdirSync(workflows).sort()).toEqual([
      'dev-qa.yml',
      'policy-lint.yml',
      'prod.yml',
      'rollback.yml',
    ]);
    const text = (name: string): string => readFileSync(join(workflows, name), 'utf8');
    // A push to main deploys dev, then qa once dev succeeded; the release tag only prod.
    const main_ = parse(text('dev-qa.yml'));
    expect(main_.on).toEqual({ push: { branches: ['main'] } });
    expect(Object.keys(main_.jobs)).toEqual(['build', 'deploy-dev', 'deploy-qa', 'notify']);
    expect(main_.jobs['deploy-dev'].needs).toBe('build');
    expect(main_.jobs['deploy-qa'].needs).toEqual(['build', 'deploy-dev']);
    expect(main_.jobs['deploy-dev'].name).toBe('deploy ${{ matrix.service }} to dev');
    expect(main_.jobs['deploy-qa'].with.environment).toBe('qa');
    const release = parse(text('prod.yml'));
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(Object.keys(release.jobs)).toEqual(['deploy', 'notify']);
    expect(release.jobs.deploy.name).toBe('deploy ${{ matrix.service }} to prod');
    expect(release.jobs.deploy.strategy.matrix.include[0]).toEqual({
      service: 'web',
      config: '.ecspresso/prod/web.yaml',
      'compare-with': '.ecspresso/qa/web.yaml',
    });
    // The comments speak of the user's environments and files, never of the defaults.
    for (const name of readdirSync(workflows)) {
      const comments = text(name)
        .split('\n')
        .filter((line) => line.trimStart().startsWith('#'))
        .join('\n');
      expect(comments, name).not.toMatch(/staging|production|PRODUCTION/);
    }
    expect(text('dev-qa.yml')).toMatch(/^# doppio caller template — dev, then qa, on every push/);
    expect(text('dev-qa.yml')).toContain('\n# prod.yml later deploys the very same image');
    expect(text('prod.yml')).toMatch(/^# doppio caller template — prod, on a release tag\./);
    expect(text('prod.yml')).toContain('deploys the image dev-qa.yml built');
    expect(text('prod.yml')).toContain('same service runs in qa right now');
    expect(text('prod.yml')).toContain('Give the GitHub environment `prod` required reviewers');
    expect(text('prod.yml')).toContain('repository variable AWS_PROD_DEPLOY_ROLE_ARN)');
  });

  it('says the deploy order in --help', async () => {
    expect(await main(['init', '--help'])).toBe(0);
    expect(io.out).toContain(
      [
        '      --environments <a,b,…>            GitHub environments in deploy order: a push to main',
        '                                        deploys to each but the last, each one after the one',
        '                                        before it succeeded; a release tag deploys to the last',
      ].join('\n'),
    );
    expect(io.out).toContain(
      'with dev,qa,prod a push to main deploys\nto dev, then to qa once dev has succeeded (dev-qa.yml), and a release tag to prod (prod.yml).',
    );
  });

  it('refuses a --doppio-ref that is not a full commit SHA, unless --allow-mutable-ref', async () => {
    const root = repos.repo({});
    expect(await main(['init', root, ...BASE, '--services', 'web', '--doppio-ref', 'v1.2.3'])).toBe(
      2,
    );
    expect(io.err).toBe(
      'doppio-lint: init: --doppio-ref must be the full 40-hex commit SHA of a doppio release (got `v1.2.3`): write `--doppio-ref <sha>`, or add --allow-mutable-ref to call doppio at a tag or branch\n',
    );
    expect(existsSync(join(root, '.github'))).toBe(false);
    expect(
      await main([
        'init',
        root,
        ...BASE,
        '--services',
        'web',
        '--doppio-ref',
        'v1.2.3',
        '--allow-mutable-ref',
      ]),
    ).toBe(0);
    expect(readFileSync(join(root, '.github', 'workflows', 'staging.yml'), 'utf8')).toContain(
      'uses: doppio-dev/doppio/.github/workflows/build-push.yml@v1.2.3\n',
    );
    expect(io.out).toContain('The workflows call doppio at `v1.2.3`, not at a release commit');
  });

  it('calls a fork with --doppio-repository', async () => {
    const root = repos.repo({});
    expect(
      await main([
        'init',
        root,
        ...BASE,
        '--services',
        'web',
        '--doppio-repository',
        'acme/doppio',
        '--doppio-ref',
        RELEASE_SHA,
      ]),
    ).toBe(0);
    const text = readFileSync(join(root, '.github', 'workflows', 'staging.yml'), 'utf8');
    expect(text).toContain(`uses: acme/doppio/.github/workflows/build-push.yml@${RELEASE_SHA}\n`);
    expect(text).not.toContain('doppio-dev/doppio/.github');
  });

  it('refuses to overwrite without --force: exit 2, names the file, writes nothing', async () => {
    const root = repos.repo({ '.github/workflows/production.yml': 'name: mine\n' });
    expect(await main(['init', root, ...BASE, '--services', 'web'])).toBe(2);
    expect(io.err).toMatch(
      /^doppio-lint: init: \.github\/workflows\/production\.yml already exists; nothing was written \(pass --force to overwrite\)\n$/,
    );
    expect(existsSync(join(root, '.github', 'workflows', 'staging.yml'))).toBe(false);
    expect(readFileSync(join(root, '.github', 'workflows', 'production.yml'), 'utf8')).toBe(
      'name: mine\n',
    );

    expect(await main(['init', root, ...BASE, '--services', 'web', '--force'])).toBe(0);
    expect(readFileSync(join(root, '.github', 'workflows', 'production.yml'), 'utf8')).toContain(
      'deploy-ecspresso.yml',
    );
  });

  it.each([
    [['--services', 'web'], '--aws-region is required: write `--aws-region <region>`'],
    [
      ['--aws-region', 'ap-northeast-1', '--ecr-repository', 'x'],
      '--services is required: write `--services <a,b,…>`',
    ],
    [[...BASE, '--services', 'web', '--environments', 'production'], /at least two/],
    [[...BASE, '--services', 'web,web'], /names `web` twice/],
    [[...BASE, '--services', "web'; rm -rf /"], /is not a name/],
    [
      [...BASE, '--services', 'web,worker', '--config-path', '.ecspresso/{environment}.yaml'],
      /must contain \{service\}/,
    ],
    [
      [...BASE, '--services', 'web', '--config-path', '.ecspresso/web.yaml'],
      /must contain \{environment\}/,
    ],
    [
      [...BASE, '--services', 'web', '--config-path', '.ecspresso/{env}/{service}.yaml'],
      /knows only/,
    ],
    [[...BASE, '--services', 'web', '--config-path', '../{environment}.yaml'], /relative path/],
    [
      ['--aws-region', 'tokyo', '--ecr-repository', 'x', '--services', 'web'],
      /--aws-region must be/,
    ],
    [
      ['--aws-region', 'ap-northeast-1', '--ecr-repository', 'Bad Name', '--services', 'web'],
      /--ecr-repository must be/,
    ],
    [
      [...BASE, '--services', 'web', '--role-arn', 'qa=arn:aws:iam::123456789012:role/x'],
      /neither build nor one of the environments/,
    ],
    [
      [...BASE, '--services', 'web', '--role-arn', 'staging=${{ secrets.X }}'],
      /takes an IAM role ARN/,
    ],
    [
      [...BASE, '--services', 'web', '--nope'],
      'unknown option `--nope`: the options are --services, --aws-region, --ecr-repository, --environments, --config-path, --role-arn, --doppio-ref, --allow-mutable-ref, --doppio-repository, --force, -h/--help (a path that starts with - goes after `--`)',
    ],
    [
      [...BASE, '--service', 'web'],
      'unknown option `--service`: did you mean `--services`? (see doppio-lint init --help)',
    ],
    [[...BASE, '--services'], '--services needs a value: write `--services <a,b,…>`'],
    [
      [...BASE, '--services', 'web', '--doppio-ref', 'main', '--doppio-ref', 'v1'],
      '--doppio-ref is given twice (`main` and `v1`): keep one',
    ],
    [
      [...BASE, '--services', 'web', '--force=no'],
      '--force takes no value (got `--force=no`): write `--force`',
    ],
    [
      [...BASE, '--services', 'web', '--environments', 'rollback,production'],
      '--environments rollback,production would write two workflows named rollback.yml (the deploy workflows are named after the environments): rename an environment',
    ],
    [
      [...BASE, '--services', 'web', '--environments', 'a,b,a-b'],
      '--environments a,b,a-b would write two workflows named a-b.yml (the deploy workflows are named after the environments): rename an environment',
    ],
  ])('exits 2 on bad flags: %j', async (flags, message) => {
    const root = repos.repo({});
    expect(await main(['init', root, ...flags])).toBe(2);
    if (typeof message === 'string') expect(io.err).toBe(`doppio-lint: init: ${message}\n`);
    else expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(root, '.github'))).toBe(false);
  });

  it('exits 2 when the directory does not exist', async () => {
    expect(
      await main(['init', join(repos.parent, 'no-such-dir'), ...BASE, '--services', 'web']),
    ).toBe(2);
    expect(io.err).toContain('no such directory');
  });

  it('prints its help', async () => {
    expect(await main(['init', '--help'])).toBe(0);
    expect(io.out).toContain('Usage: doppio-lint init');
  });
});

describe('a package published from a release tag', () => {
  /** A copy of the package as npm installs it: package.json, templates/, and dist/release.json when given. */
  function installedPackage(version: string, release?: object): string {
    const root = repos.repo({
      'package.json': JSON.stringify({ name: '@doppio-dev/doppio-lint', version }),
    });
    cpSync(templatesDirectory(), join(root, 'templates'), { recursive: true });
    if (release) {
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'dist', 'release.json'), JSON.stringify(release));
    }
    return root;
  }

  it('writes `@<commit the tag names> # vX.Y.Z` for every doppio reference, and lints clean', async () => {
    const pkg = installedPackage('1.2.3', { version: '1.2.3', commit: RELEASE_SHA });
    const root = repos.repo(
      ecspressoFiles(
        ['staging', 'production'],
        ['web'],
        '.ecspresso/{environment}/{service}.yaml',
        'shop',
        'eu-west-1',
      ),
    );
    expect(
      await runInit(
        [root, '--aws-region', 'eu-west-1', '--ecr-repository', 'shop', '--services', 'web'],
        process.cwd(),
        pkg,
      ),
    ).toBe(0);
    const references = TEMPLATE_FILES.flatMap((name) =>
      [
        ...readFileSync(join(root, '.github', 'workflows', name), 'utf8').matchAll(
          /uses: doppio-dev\/doppio\/\S+@.*$/gm,
        ),
      ].map((m) => m[0]),
    );
    expect(references.length).toBeGreaterThanOrEqual(TEMPLATE_FILES.length);
    for (const line of references)
      expect(line).toMatch(new RegExp(`@${RELEASE_SHA} # v1\\.2\\.3$`));
    expect(io.out).not.toContain('not at a release commit');
    expect(await findings(root)).toEqual([]);
  });

  it('writes no version comment on a --doppio-ref it cannot vouch for', async () => {
    const pkg = installedPackage('1.2.3', { version: '1.2.3', commit: RELEASE_SHA });
    const root = repos.repo({});
    const other = 'f'.repeat(40);
    expect(
      await runInit(
        [root, ...BASE, '--services', 'web', '--doppio-ref', other],
        process.cwd(),
        pkg,
      ),
    ).toBe(0);
    const text = readFileSync(join(root, '.github', 'workflows', 'staging.yml'), 'utf8');
    expect(text).toContain(`uses: doppio-dev/doppio/.github/workflows/build-push.yml@${other}\n`);
  });

  it("reads the release only when it is the package's own version", () => {
    expect(readReleasePin(installedPackage('1.2.3'))).toBeUndefined();
    expect(
      readReleasePin(installedPackage('1.2.4', { version: '1.2.3', commit: RELEASE_SHA })),
    ).toBeUndefined();
    expect(
      readReleasePin(installedPackage('1.2.3', { version: '1.2.3', commit: 'main' })),
    ).toBeUndefined();
    expect(
      readReleasePin(installedPackage('1.2.3', { version: '1.2.3', commit: RELEASE_SHA })),
    ).toEqual({ version: '1.2.3', commit: RELEASE_SHA });
  });
});

describe("the package's templates/", () => {
  it('is exactly workflows/templates (regenerate with `pnpm docs`)', () => {
    const directory = templatesDirectory();
    expect(directory).toBe(join(import.meta.dirname, '..', 'templates'));
    const names = (dir: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.yml'))
        .sort();
    expect(names(directory)).toEqual(names(SOURCE_TEMPLATES));
    expect(names(directory)).toEqual([...TEMPLATE_FILES].sort());
    for (const name of names(SOURCE_TEMPLATES))
      expect(
        readFileSync(join(directory, name), 'utf8'),
        `templates/${name} is stale: run pnpm docs`,
      ).toBe(readFileSync(join(SOURCE_TEMPLATES, name), 'utf8'));
  });

  it('ships in the package, with the release it was published from', () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ) as { files: string[] };
    expect(manifest.files).toContain('templates/');
    expect(manifest.files).toContain('dist/release.json');
  });
});
