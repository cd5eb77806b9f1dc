// The CLI contract: options, exit codes 0/1/2, formats, --output, one-line usage errors.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP, main, OPTIONS } from '../src/cli.js';
import { optionsHelp } from '../src/command-line.js';
import { captureConsole } from './support/console.js';

const BAD_WORKFLOW = `on:
  push:
    tags: ['v*']
jobs:
  deploy:
    runs-on: ubuntu-latest
    concurrency:
      group: deploy-production
      cancel-in-progress: false
    steps:
      - uses: actions/checkout@v4
      - run: ecspresso rollback --config .ecspresso/production/config.yaml
`;

const WARN_ONLY_WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          docker build -t "$REGISTRY/app:\${GITHUB_SHA::7}" .
          ecspresso rollback --config ecspresso.yml --deregister-task-definition
`;

function repo(workflows: Record<string, string>, extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'doppio-cli-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  for (const [name, text] of Object.entries(workflows))
    writeFileSync(join(root, '.github', 'workflows', name), text);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(root, name), text);
  return root;
}

const io = captureConsole();

const THE_OPTIONS =
  'the options are -f/--format, -o/--output, -c/--config, --rule, --no-actionlint, --max-warnings, --fix, --explain, -v/--version, -h/--help (a path that starts with - goes after `--`)';

describe('exit status', () => {
  it('is 0 on a clean repository', async () => {
    const root = repo({
      'ok.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    });
    expect(await main(['--no-actionlint', root])).toBe(0);
    expect(io.out).toContain('no problems');
  });

  it('is 1 when errors are found', async () => {
    expect(await main(['--no-actionlint', repo({ 'deploy.yml': BAD_WORKFLOW })])).toBe(1);
  });

  it('is 0 with warnings only, and 1 when they exceed --max-warnings', async () => {
    const root = repo({ 'build.yml': WARN_ONLY_WORKFLOW });
    expect(await main(['--no-actionlint', '--format', 'json', root])).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBeGreaterThan(0);
    expect(await main(['--no-actionlint', '--max-warnings', '0', root])).toBe(1);
  });

  it('is 2 with a one-line message for a path that does not exist', async () => {
    expect(await main(['/no/such/dir'])).toBe(2);
    expect(io.err).toBe('doppio-lint: /no/such/dir: no such file or directory\n');
  });

  // Every usage error: one line in our words, what was wrong and what to write instead — never
  // node's parser text, never a flag --help does not list.
  it.each([
    [['--bogus'], `unknown option \`--bogus\`: ${THE_OPTIONS}`],
    [['-x', '.'], `unknown option \`-x\`: ${THE_OPTIONS}`],
    [
      ['--max-warning', '0', '.'],
      'unknown option `--max-warning`: did you mean `--max-warnings`? (see doppio-lint --help)',
    ],
    [
      ['--max-warnings', '-1', '.'],
      '--max-warnings takes a whole number ≥ 0 (got `-1`): write e.g. `--max-warnings 0` to fail on any warning',
    ],
    [
      ['--max-warnings', 'many', '.'],
      '--max-warnings takes a whole number ≥ 0 (got `many`): write e.g. `--max-warnings 0` to fail on any warning',
    ],
    [['--format'], '--format needs a value: write `--format <stylish|json|sarif|github>`'],
    [['-f'], '--format needs a value: write `--format <stylish|json|sarif|github>`'],
    [['--format', 'xml', '.'], '--format takes stylish, json, sarif or github (got `xml`)'],
    [
      ['--format', 'jsno', '.'],
      '--format takes stylish, json, sarif or github (got `jsno`; did you mean `--format json`?)',
    ],
    [
      ['--format', 'json', '-f', 'sarif', '.'],
      '--format is given twice (`json` and `sarif`): keep one',
    ],
    [
      ['--output', '--fix', '.'],
      '--output needs a value, not the option `--fix`: write `--output <file>` (or `--output=--fix` for a value that starts with -)',
    ],
    [['--fix=yes', '.'], '--fix takes no value (got `--fix=yes`): write `--fix`'],
    [
      ['--rule', 'image-tag-sha=loud', '.'],
      '--rule takes `rule-id=off|warn|error` (got `image-tag-sha=loud`)',
    ],
    [
      ['--rule', 'image-tag=off', '.'],
      '--rule names an unknown rule `image-tag`: did you mean `image-tag-sha`?',
    ],
    [
      ['--rule', 'no-such-rule=off', '.'],
      '--rule names an unknown rule `no-such-rule` (known: aws-oidc, deploy-concurrency, ecspresso-version-pinned, image-tag-sha, notify-aggregates, parse-error, pinned-actions, prod-trigger, risky-ecspresso-flags, rollback-deregister, shared-flow-ref, single-image, unused-suppression, actionlint/<kind>)',
    ],
    [['--explain'], '--explain needs a value: write `--explain <rule>`'],
    [
      ['--explain', 'pinned'],
      '--explain: no rule `pinned`: did you mean `--explain pinned-actions`?',
    ],
    [
      ['--explain', 'nope'],
      '--explain: no rule `nope`: write one of image-tag-sha, single-image, rollback-deregister, pinned-actions, shared-flow-ref, ecspresso-version-pinned, deploy-concurrency, notify-aggregates, aws-oidc, prod-trigger, risky-ecspresso-flags, parse-error, unused-suppression, actionlint (or actionlint/<kind>)',
    ],
  ])('is 2 for bad options %j, with one line in our words', async (args, message) => {
    expect(await main(args)).toBe(2);
    expect(io.err).toBe(`doppio-lint: ${message}\n`);
    expect(io.out).toBe('');
  });

  it('never names a short flag that --help does not list', async () => {
    const shorts = Object.values(OPTIONS).flatMap((o) => ('short' in o ? [o.short] : []));
    for (const args of [['--bogus'], ['--format'], ['--output'], ['--max-warnings', '-1']]) {
      await main(args);
      for (const flag of io.err.matchAll(/(?<![\w-])-([a-zA-Z])\b/g))
        expect(shorts, `${io.err} names -${flag[1]}`).toContain(flag[1]);
    }
  });
});

describe('config file', () => {
  // ajv's errors (keyword, params, instancePath) as sentences that name the key, what is allowed
  // there and what was written; placed at the key or value they are about.
  it.each([
    [
      '- rules\n',
      '.doppio.yml:1:1: the configuration must be a mapping with the keys `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size` (got a list)',
    ],
    [
      'rule:\n  image-tag-sha: warn\n',
      '.doppio.yml:1:1: unknown key `rule` in the configuration: did you mean `rules`? (the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`)',
    ],
    [
      'rules:\n  pinned-actions:\n    allowed-owner: [acme]\n',
      '.doppio.yml:3:5: unknown key `allowed-owner` in `rules.pinned-actions`: did you mean `allowed-owners`? (the keys there are `severity`, `allowed-owners`)',
    ],
    [
      'rules:\n  image-tag-sha: warn\n  no-such-rule: off\n',
      ".doppio.yml:3:3: unknown rule id `no-such-rule` in `rules`: the ids are listed in docs/rules/README.md, and actionlint's are actionlint/<kind>",
    ],
    [
      'rules:\n  image-tag: warn\n',
      '.doppio.yml:2:3: unknown rule id `image-tag` in `rules`: did you mean `image-tag-sha`?',
    ],
    [
      'rules:\n  image-tag-sha: eror\n',
      '.doppio.yml:2:18: `rules.image-tag-sha` must be one of `off`, `warn`, `error`, or a mapping with the keys `severity` (got `eror`; did you mean `error`?)',
    ],
    [
      'rules:\n  pinned-actions:\n    allowed-owners: acme\n',
      '.doppio.yml:3:21: `rules.pinned-actions.allowed-owners` must be a list (got `acme`)',
    ],
    [
      'rules:\n  ecspresso-version-pinned: { version: latest }\n',
      '.doppio.yml:2:40: `rules.ecspresso-version-pinned.version` must look like `v2.5.0` (got `latest`)',
    ],
    [
      'environments:\n  live site: [prod]\n',
      '.doppio.yml:2:3: `live site` in `environments` is not an allowed name: write it like `production` or `staging` (the pattern `^[A-Za-z0-9_.-]+$`)',
    ],
    ['ignore: ["", legacy/**]\n', '.doppio.yml:1:10: `ignore[0]` must not be empty'],
    [
      'shared-flow:\n  repositories: [deploy-flow]\n',
      '.doppio.yml:2:18: `shared-flow.repositories[0]` must look like `acme/deploy-flow` (got `deploy-flow`)',
    ],
    [
      'max-file-size: 2MB\n',
      '.doppio.yml:1:16: `max-file-size` must be a whole number such as `1048576` (got `2MB`)',
    ],
    ['max-file-size: 0\n', '.doppio.yml:1:16: `max-file-size` must be at least 1 (got `0`)'],
  ])('%j is refused with exit 2 and a sentence', async (text, message) => {
    const root = repo({ 'deploy.yml': BAD_WORKFLOW }, { '.doppio.yml': text });
    expect(await main(['--no-actionlint', root])).toBe(2);
    expect(io.err).toBe(`doppio-lint: ${message}\n`);
  });

  it('says each problem on a line of its own', async () => {
    const root = repo(
      { 'deploy.yml': BAD_WORKFLOW },
      { '.doppio.yml': 'nope: 1\nrules:\n  image-tag-sha: loud\n' },
    );
    expect(await main(['--no-actionlint', root])).toBe(2);
    expect(io.err.split('\n')).toEqual([
      'doppio-lint: .doppio.yml:1:1: unknown key `nope` in the configuration: the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`',
      'doppio-lint: .doppio.yml:3:18: `rules.image-tag-sha` must be one of `off`, `warn`, `error`, or a mapping with the keys `severity` (got `loud`)',
      '',
    ]);
  });

  it('turns rules off, and --rule overrides the file', async () => {
    const root = repo(
      { 'deploy.yml': BAD_WORKFLOW },
      { '.doppio.yml': 'rules:\n  rollback-deregister: off\n  pinned-actions: off\n' },
    );
    expect(await main(['--no-actionlint', root])).toBe(0);
    expect(await main(['--no-actionlint', '--rule', 'pinned-actions=error', root])).toBe(1);
    expect(io.out).toContain('pinned-actions');
    expect(io.out).not.toContain('rollback-deregister');
  });
});

describe('formats', () => {
  it('json follows the contract: relative paths, 1-based positions, sorted', async () => {
    const root = repo({ 'deploy.yml': BAD_WORKFLOW });
    await main(['--no-actionlint', '--format', 'json', root]);
    const report = JSON.parse(io.out);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({
      name: 'doppio-lint',
      version: expect.any(String),
      actionlint: null,
    });
    expect(
      report.findings.map((f: { ruleId: string; file: string; line: number; column: number }) => [
        f.ruleId,
        f.file,
        f.line,
        f.column,
      ]),
    ).toEqual([
      ['pinned-actions', '.github/workflows/deploy.yml', 11, 32],
      ['rollback-deregister', '.github/workflows/deploy.yml', 12, 14],
    ]);
    expect(report.summary).toEqual({ files: 1, errors: 2, warnings: 0 });
  });

  it('a file inside a directory also named is linted and counted once', async () => {
    const root = repo({
      'deploy.yml': BAD_WORKFLOW,
      'other.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    });
    await main([
      '--no-actionlint',
      '--format',
      'json',
      root,
      join(root, '.github', 'workflows', 'deploy.yml'),
    ]);
    const report = JSON.parse(io.out);
    expect(report.summary.files).toBe(2);
    expect(report.findings).toHaveLength(2);
  });

  it('github prints workflow commands', async () => {
    await main(['--no-actionlint', '--format', 'github', repo({ 'deploy.yml': BAD_WORKFLOW })]);
    expect(io.out.split('\n')[0]).toMatch(
      /^::error file=\.github\/workflows\/deploy\.yml,line=11,col=32,endLine=11,endColumn=34,title=pinned-actions::/,
    );
  });

  it('--output writes the report to a file', async () => {
    const root = repo({ 'deploy.yml': BAD_WORKFLOW });
    const file = join(root, 'report.sarif');
    expect(await main(['--no-actionlint', '--format', 'sarif', '--output', file, root])).toBe(1);
    expect(io.out).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
  });

  it('includes actionlint findings as actionlint/<kind> unless --no-actionlint', async () => {
    const root = repo({
      'bad.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
    });
    await main(['--format', 'json', root]);
    const report = JSON.parse(io.out);
    expect(report.tool.actionlint).toMatch(/^\d+\.\d+\.\d+$/);
    expect(
      report.findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line]),
    ).toEqual([['actionlint/expression', 6]]);
  });
});

it('--version and --help print and exit 0', async () => {
  expect(await main(['--version'])).toBe(0);
  expect(io.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  expect(await main(['--help'])).toBe(0);
  expect(io.out).toContain('Usage: doppio-lint');
});

it('--help lists every option with its short form, and the options the docs promise', () => {
  for (const [name, option] of Object.entries(OPTIONS)) {
    expect(HELP, `--help lists --${name}`).toMatch(
      new RegExp(`^  ${'short' in option ? `-${option.short}, ` : '    '}--${name}\\b`, 'm'),
    );
  }
  // docs/configuration.md's table of command-line options, e.g. | `--format …`, `-f` | … |
  const documented = [
    ...readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'docs', 'configuration.md'),
      'utf8',
    ).matchAll(/^\| `--([a-z-]+)[^`]*`(?:, `-([a-z])`)? \|/gm),
  ];
  expect(
    documented.map(([, name]) => name).sort(),
    'docs/configuration.md documents every option',
  ).toEqual(Object.keys(OPTIONS).sort());
  // The package README shows the options as --help prints them.
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(readme, 'README.md shows --help').toContain(optionsHelp(OPTIONS));
  for (const [, name, short] of documented) {
    expect(OPTIONS, `docs/configuration.md documents --${name}`).toHaveProperty([name!]);
    expect(
      (OPTIONS as Record<string, { short?: string }>)[name!]!.short,
      `the short form of --${name} in docs/configuration.md`,
    ).toBe(short);
  }
});
