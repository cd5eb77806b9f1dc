// Hostile and broken input (issue 5, "Robustness"): alias bombs, binary files, invalid UTF-8, files
// over the size limit and a 10 MB workflow within a raised one, 10,000-deep nesting, symbolic-link loops and links io.out of the repository,
// unreadable files, a missing path and a config with an unknown key. The linter never crashes: a
// file it cannot read is a parse-error finding and every other file is still linted; only what stops
// it from doing its job at all (no such path, a bad config file) is exit 2 with a one-line reason.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { lint } from '../src/engine/lint.js';
import type { Report } from '../src/model/types.js';
import type { RepoFiles } from './support/arbitraries.js';
import { contractViolations } from './support/report-contract.js';
import { scratch } from './support/repos.js';
import { captureConsole } from './support/console.js';

const box = scratch('robust');
afterAll(() => box.remove());

/** A workflow with one finding the linter must keep reporting beside any broken file. */
const CANARY = '.github/workflows/canary.yml';
const CANARY_WORKFLOW =
  'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

async function lintRepo(root: string, actionlint = false): Promise<Report> {
  const report = await lint({ paths: [root], cwd: root, actionlint: actionlint ? 'auto' : 'off' });
  expect(contractViolations(report, { root, actionlint, allFormats: true })).toEqual([]);
  return report;
}

/** Lints files plus the canary; checks the canary's finding survived, returns the other findings. */
async function lintWithCanary(
  files: RepoFiles,
  setup?: (root: string) => void,
): Promise<Report['findings']> {
  const root = box.repo({ ...files, [CANARY]: CANARY_WORKFLOW });
  setup?.(root);
  const report = await lintRepo(root);
  expect(report.findings.filter((f) => f.file === CANARY).map((f) => f.ruleId)).toEqual([
    'pinned-actions',
  ]);
  return report.findings.filter((f) => f.file !== CANARY);
}

const brief = (findings: Report['findings']): { ruleId: string; file: string; line: number }[] =>
  findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }));

// The CLI, in-process, for exit statuses and messages.
const io = captureConsole();

// Billion laughs: nine levels of nine aliases, 9^9 strings once expanded.
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'
    .split('')
    .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

describe('YAML alias bombs', () => {
  it('in a workflow: a parse-error at the first alias, the rest still linted', async () => {
    const findings = await lintWithCanary({
      '.github/workflows/bomb.yml': `on: push\n${ALIAS_BOMB}\njobs: {}\n`,
    });
    expect(brief(findings)).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows/bomb.yml', line: 3 },
    ]);
    expect(findings[0]!.message).toMatch(/alias/i);
  });

  it('in an ecspresso config and a YAML task definition', async () => {
    const findings = await lintWithCanary({
      '.ecspresso/production/config.yaml': `region: ap-northeast-1\n${ALIAS_BOMB}\n`,
      '.ecspresso/staging/config.yaml': 'region: ap-northeast-1\ntask_definition: td.yml\n',
      '.ecspresso/staging/td.yml': `family: web\n${ALIAS_BOMB}\ncontainerDefinitions: []\n`,
    });
    expect(brief(findings.filter((f) => f.ruleId === 'parse-error'))).toEqual([
      { ruleId: 'parse-error', file: '.ecspresso/production/config.yaml', line: 3 },
      { ruleId: 'parse-error', file: '.ecspresso/staging/td.yml', line: 3 },
    ]);
  });

  it('in the config file: exit 2, naming the file', async () => {
    const root = box.repo({
      '.doppio.yml': `${ALIAS_BOMB}\nrules: *i\n`,
      [CANARY]: CANARY_WORKFLOW,
    });
    expect(await main(['--no-actionlint', '--format', 'json', root])).toBe(2);
    expect(io.err).toMatch(/^doppio-lint: \.doppio\.yml: invalid YAML: .*alias/);
    expect(io.err).not.toContain('internal error');
    expect(io.out).toBe('');
  });
});

describe('binary files and invalid UTF-8', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.from('IHDR'),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
  ]);

  it('reports a PNG named .yml as a parse-error, not a crash', async () => {
    const findings = await lintWithCanary({
      '.github/workflows/logo.yml': png,
      'ecspresso.yml': png,
    });
    expect(brief(findings)).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows/logo.yml', line: 1 },
      { ruleId: 'parse-error', file: 'ecspresso.yml', line: 1 },
    ]);
    expect(findings[0]!.message).toContain('not valid UTF-8');
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('reports %s in a workflow, a task definition and a script', async (_name, bytes) => {
    const bad = (before: string, after: string): Buffer =>
      Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
    const findings = await lintWithCanary({
      '.github/workflows/deploy.yml': bad(
        'on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: echo "',
        '"\n',
      ),
      '.github/workflows/release.yml':
        'on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: ./scripts/release.sh\n      - run: ecspresso deploy --config ecspresso.yml\n',
      'scripts/release.sh': bad('#!/bin/sh\necho ', '\n'),
      'ecspresso.yml': 'region: x\ntask_definition: td.json\n',
      'td.json': bad('{"containerDefinitions": [{"image": "', '"}]}'),
    });
    expect(brief(findings.filter((f) => f.ruleId === 'parse-error'))).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows/deploy.yml', line: 1 },
      { ruleId: 'parse-error', file: 'scripts/release.sh', line: 1 },
      { ruleId: 'parse-error', file: 'td.json', line: 1 },
    ]);
  });

  it('reads a UTF-8 byte-order mark as nothing', async () => {
    const findings = await lintWithCanary({
      '.github/workflows/bom.yml': `\ufeffon: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo hi\n`,
    });
    expect(findings).toEqual([]);
  });

  it('survives NUL bytes and control characters in valid UTF-8', async () => {
    const findings = await lintWithCanary({
      '.github/workflows/nul.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: "echo \\0 \u0000 \u0007"\n\u0000\n',
    });
    expect(findings.every((f) => f.ruleId === 'parse-error')).toBe(true);
  });
});

describe('size and depth', () => {
  const tooLarge = (size: string, limit: string): string =>
    `the file is ${size} bytes, over the limit of ${limit} bytes per file, and was not read (nothing in it was checked); raise \`max-file-size\` in the config file to lint it, or \`ignore:\` it`;

  it('does not read a file over 1 MiB: a parse-error naming the file and the limit, the rest linted', async () => {
    const line = (size: number): string => `on: push\n#${'x'.repeat(size - 11)}\n`;
    const findings = await lintWithCanary({
      '.github/workflows/huge.yml': line(1024 * 1024 + 1),
      '.github/workflows/just-fits.yml': line(1024 * 1024),
    });
    expect(
      findings.map(({ ruleId, file, line, message }) => ({ ruleId, file, line, message })),
    ).toEqual([
      {
        ruleId: 'parse-error',
        file: '.github/workflows/huge.yml',
        line: 1,
        message: tooLarge('1,048,577', '1,048,576'),
      },
    ]);
  });

  it('takes the limit from `max-file-size`, for ecspresso configs as for workflows', async () => {
    const findings = await lintWithCanary({
      '.doppio.yml': 'max-file-size: 200\n',
      'ecspresso.yml': `region: ap-northeast-1\ncluster: default\nservice: web\ntask_definition: ecs-task-def.json\n# ${'x'.repeat(200)}\n`,
      'ecs-task-def.json': '{"family": "web", "containerDefinitions": []}\n',
    });
    expect(brief(findings)).toEqual([{ ruleId: 'parse-error', file: 'ecspresso.yml', line: 1 }]);
    expect(findings[0]!.message).toBe(tooLarge('291', '200'));
  });

  it('lints a 10 MB workflow when `max-file-size` allows it', { timeout: 120_000 }, async () => {
    const job = (i: number): string =>
      `  job${i}:\n    runs-on: ubuntu-latest\n    env:\n      IMAGE_TAG: \${{ github.sha }}\n    steps:\n      - uses: actions/checkout@${'0'.repeat(40)}\n      - run: |\n          docker build -t "$REGISTRY/app:$IMAGE_TAG" .\n          echo "job ${i} ${'x'.repeat(200)}"\n`;
    const parts = ['on: push\njobs:\n'];
    let size = parts[0]!.length;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      parts.push(job(i));
      size += parts[parts.length - 1]!.length;
    }
    const findings = await lintWithCanary({
      '.doppio.yml': `max-file-size: ${20 * 1024 * 1024}\n`,
      '.github/workflows/huge.yml': parts.join(''),
    });
    expect(findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  });

  const DEPTH = 10_000;
  const flowSeq = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
  const flowMap = `${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  const blockMap = Array.from({ length: DEPTH }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
  const blockSeq = Array.from({ length: DEPTH }, (_, i) => `${'  '.repeat(i)}-`).join('\n');

  it.each([
    ['a flow sequence', `on: push\njobs: ${flowSeq}\n`],
    ['a flow mapping', `on: push\nenv: ${flowMap}\njobs: {}\n`],
    ['a block mapping', `on: push\njobs:\n${blockMap.replace(/^/gm, '  ')}\n`],
    [
      'a block sequence',
      `on: push\njobs:\n  a:\n    steps:\n${blockSeq.replace(/^/gm, '      ')}\n`,
    ],
    [
      'anchors and aliases',
      `on: push\nx: &a 1\njobs: ${'['.repeat(DEPTH)}*a${']'.repeat(DEPTH)}\n`,
    ],
  ])(
    `does not overflow the stack on ${DEPTH.toLocaleString('en')}-deep %s in a workflow`,
    async (_name, text) => {
      const findings = await lintWithCanary({ '.github/workflows/deep.yml': text });
      // Whether the parser gives up (a parse-error) or copes, nothing else is said of the file.
      expect(
        findings.every(
          (f) => f.ruleId === 'parse-error' && f.file === '.github/workflows/deep.yml',
        ),
      ).toBe(true);
    },
  );

  it(`does not overflow the stack on ${DEPTH.toLocaleString('en')}-deep ecspresso files and config`, async () => {
    const findings = await lintWithCanary({
      'ecspresso.yml': `region: x\nplugins: ${flowSeq}\n`,
      '.ecspresso/production/config.yaml': `task_definition: td.json\nservice_definition: sd.yml\n`,
      '.ecspresso/production/td.json': `{"containerDefinitions": ${flowSeq}}`,
      '.ecspresso/production/sd.yml': `deploymentController:\n${blockMap.replace(/^/gm, '  ')}\n`,
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ecspresso deploy --config .ecspresso/production/config.yaml\n',
    });
    // The deeply nested files are either parsed or reported; the shallow ones are linted as usual.
    expect(
      findings.filter(
        (f) => f.ruleId === 'parse-error' && !/(^ecspresso\.yml|td\.json|sd\.yml)$/.test(f.file),
      ),
    ).toEqual([]);
    expect(
      findings.some((f) => f.ruleId === 'deploy-concurrency' || f.ruleId === 'rollback-deregister'),
    ).toBe(true);
    const root = box.repo({ '.doppio.yml': `ignore: ${flowSeq}\n` });
    expect(await main(['--no-actionlint', root])).toBe(2);
    expect(io.err).toMatch(/^doppio-lint: \.doppio\.yml/);
    expect(io.err).not.toContain('internal error');
  });

  it(`does not overflow the stack on ${DEPTH.toLocaleString('en')}-deep shell and template nesting`, async () => {
    const findings = await lintWithCanary({
      '.github/workflows/deep.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "${'$('.repeat(DEPTH)}ls${')'.repeat(DEPTH)}"\n      - run: ${'('.repeat(DEPTH)}ecspresso deploy${')'.repeat(DEPTH)}\n`,
      'ecspresso.yml': 'region: x\ntask_definition: td.json\n',
      'td.json': `{"containerDefinitions": [{"image": "app:${'{{ '.repeat(DEPTH)}${' }}'.repeat(DEPTH)}"}]}`,
    });
    expect(findings.filter((f) => f.ruleId === 'parse-error' && f.file !== 'td.json')).toEqual([]);
  });
});

describe('symbolic links', () => {
  const outside = mkdtempSync(join(tmpdir(), 'doppio-outside-'));
  writeFileSync(
    join(outside, 'deploy.yml'),
    'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ecspresso rollback --no-deregister-task-definition\n',
  );
  writeFileSync(join(outside, 'ecspresso.yml'), 'region: x\ntask_definition: td.json\n');
  mkdirSync(join(outside, 'workflows'));
  writeFileSync(
    join(outside, 'workflows', 'ci.yml'),
    'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@main\n',
  );

  it('does not follow loops, and reports the ones where it looks for files', async () => {
    const findings = await lintWithCanary({}, (root) => {
      symlinkSync('.', join(root, 'loop'));
      symlinkSync('..', join(root, '.github', 'up'));
      symlinkSync('self.yml', join(root, '.github', 'workflows', 'self.yml'));
      symlinkSync('b.yml', join(root, '.github', 'workflows', 'a.yml'));
      symlinkSync('a.yml', join(root, '.github', 'workflows', 'b.yml'));
      mkdirSync(join(root, '.ecspresso'));
      symlinkSync('../.ecspresso', join(root, '.ecspresso', 'again'));
    });
    expect(brief(findings)).toEqual([
      { ruleId: 'parse-error', file: '.ecspresso/again', line: 1 },
      { ruleId: 'parse-error', file: '.github/workflows/a.yml', line: 1 },
      { ruleId: 'parse-error', file: '.github/workflows/b.yml', line: 1 },
      { ruleId: 'parse-error', file: '.github/workflows/self.yml', line: 1 },
    ]);
    expect(findings[0]!.message).toContain('symbolic link to a directory');
    for (const finding of findings.slice(1))
      expect(finding.message).toContain('symbolic link loop');
  });

  it('does not follow links that leave the repository, and reports them', async () => {
    const findings = await lintWithCanary(
      {
        '.github/workflows/deploy.yml':
          'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./shared/deploy.sh\n      - run: ecspresso deploy --config shared/ecspresso.yml\n',
      },
      (root) => {
        symlinkSync(join(outside, 'deploy.yml'), join(root, '.github', 'workflows', 'outside.yml'));
        symlinkSync(join(outside, 'ecspresso.yml'), join(root, 'ecspresso.yml'));
        symlinkSync(outside, join(root, 'shared'));
        symlinkSync(join(outside, 'workflows'), join(root, '.github', 'workflows', 'nested'));
      },
    );
    // The outside workflow's `--no-deregister-task-definition` is never seen: only the links are reported.
    expect(brief(findings.filter((f) => f.ruleId === 'parse-error'))).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows/outside.yml', line: 1 },
      { ruleId: 'parse-error', file: 'ecspresso.yml', line: 1 },
      { ruleId: 'parse-error', file: 'shared/ecspresso.yml', line: 1 },
    ]);
    expect(findings.find((f) => f.file === 'ecspresso.yml')!.message).toContain(
      `leaves the repository (→ ${join(outside, 'ecspresso.yml')})`,
    );
    expect(findings.find((f) => f.file === 'shared/ecspresso.yml')!.message).toContain(
      'a path through a symbolic link that leaves the repository',
    );
    expect(
      findings.some((f) => f.ruleId === 'rollback-deregister' && f.file.includes('outside')),
    ).toBe(false);
  });

  it('does not multiply its work on chains of variables with several values each', async () => {
    // V0 … V11, each written by three steps under different `if:` from the next one: 3^12 values
    // if followed to the end. The lookup budget ends it (the test's timeout is the only clock).
    const steps = Array.from({ length: 12 }, (_, i) =>
      [1, 2, 3]
        .map(
          (n) =>
            `      - if: github.run_attempt == ${n}\n        run: echo "V${i}=x${n}-$V${i + 1}" >> "$GITHUB_ENV"`,
        )
        .join('\n'),
    )
      .reverse()
      .join('\n');
    const findings = await lintWithCanary({
      '.github/workflows/deploy.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${steps}\n      - run: IMAGE_TAG="$V0" ecspresso deploy --config "config_$V0.yml"\n`,
    });
    expect(findings.some((f) => f.ruleId === 'parse-error')).toBe(false);
  });

  it('never reads the parent directory a `--config ..` names, nor reports it as a file', async () => {
    // Found by the fuzz test: `..` normalises to itself, so it escaped the `../` check and became
    // a finding whose file was `..`, which breaks the report's contract.
    const findings = await lintWithCanary({
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ecspresso deploy --config ..\n      - run: ecspresso deploy --config sub/../..\n        working-directory: deploy\n',
    });
    expect(findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    expect(findings.every((f) => f.file === '.github/workflows/deploy.yml')).toBe(true);
  });

  it('reports a linked .github/workflows directory instead of silently linting nothing', async () => {
    const root = box.repo({ 'README.md': 'x\n' });
    mkdirSync(join(root, '.github'));
    symlinkSync(join(outside, 'workflows'), join(root, '.github', 'workflows'));
    const report = await lintRepo(root);
    expect(brief(report.findings)).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows', line: 1 },
    ]);
  });

  it('follows a link that stays inside the repository', async () => {
    const findings = await lintWithCanary(
      {
        'ci/deploy.yml':
          'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/setup-node@v4\n',
      },
      (root) => {
        symlinkSync('../../ci/deploy.yml', join(root, '.github', 'workflows', 'deploy.yml'));
      },
    );
    expect(brief(findings)).toEqual([
      { ruleId: 'pinned-actions', file: '.github/workflows/deploy.yml', line: 6 },
    ]);
  });

  it('reports a dangling link where a workflow should be', async () => {
    const findings = await lintWithCanary({}, (root) =>
      symlinkSync('gone.yml', join(root, '.github', 'workflows', 'dangling.yml')),
    );
    expect(brief(findings)).toEqual([
      { ruleId: 'parse-error', file: '.github/workflows/dangling.yml', line: 1 },
    ]);
    expect(findings[0]!.message).toContain('symbolic link to a missing file (→ gone.yml)');
  });

  it('does not block on a named pipe where a workflow or script should be', async () => {
    const mkfifo = spawnSync('mkfifo', ['--help'], { stdio: 'ignore' });
    if (mkfifo.error) return; // no mkfifo on this system: nothing to check
    const findings = await lintWithCanary(
      {
        '.github/workflows/deploy.yml':
          'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./fifo.sh\n',
      },
      (root) => {
        spawnSync('mkfifo', [
          join(root, '.github', 'workflows', 'fifo.yml'),
          join(root, 'fifo.sh'),
        ]);
      },
    );
    expect(findings).toEqual([]);
  });
});

describe('unreadable files', () => {
  const files: RepoFiles = {
    '.github/workflows/secret.yml':
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@main\n',
    '.github/workflows/deploy.yml':
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ecspresso deploy --config ecspresso.yml --no-wait\n',
    'ecspresso.yml': 'region: x\n',
  };
  const expected = [
    { ruleId: 'parse-error', file: '.github/workflows/secret.yml', line: 1 },
    { ruleId: 'parse-error', file: 'ecspresso.yml', line: 1 },
  ];

  const root = box.repo(files);
  chmodSync(join(root, '.github', 'workflows', 'secret.yml'), 0o000);
  chmodSync(join(root, 'ecspresso.yml'), 0o000);
  // Root (or CAP_DAC_OVERRIDE) reads a mode-000 file anyway: then the check runs as `nobody`.
  const permissionsApply = (() => {
    try {
      readFileSync(join(root, 'ecspresso.yml'));
      return false;
    } catch {
      return true;
    }
  })();
  const isRoot = process.getuid?.() === 0;

  it.runIf(permissionsApply)(
    'reports a file it may not read as a parse-error (EACCES), the rest still linted',
    async () => {
      const findings = await lintWithCanary(files, (r) => {
        chmodSync(join(r, '.github', 'workflows', 'secret.yml'), 0o000);
        chmodSync(join(r, 'ecspresso.yml'), 0o000);
      });
      expect(brief(findings.filter((f) => f.ruleId === 'parse-error'))).toEqual(expected);
      expect(findings[0]!.message).toContain('cannot be read (EACCES)');
    },
  );

  // Running as root, permissions do not stop reads; a child process as `nobody` (uid 65534) sees them.
  it.runIf(!permissionsApply && isRoot)(
    'reports a file it may not read as a parse-error (EACCES), checked as nobody since tests run as root',
    { timeout: 60_000 },
    () => {
      chmodSync(box.parent, 0o755);
      chmodSync(root, 0o755);
      const script = `import { lint } from ${JSON.stringify(join(import.meta.dirname, '..', 'src', 'engine', 'lint.ts'))};
const report = await lint({ paths: [process.argv[2]], cwd: process.argv[2], actionlint: 'off' });
process.stdout.write(JSON.stringify(report.findings.map(({ ruleId, file, line, message }) => ({ ruleId, file, line, message }))));`;
      const runner = join(box.parent, 'as-nobody.mjs');
      writeFileSync(runner, script);
      chmodSync(runner, 0o644);
      const child = spawnSync(process.execPath, ['--import', 'tsx', runner, root], {
        cwd: join(import.meta.dirname, '..'),
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        env: { ...process.env, HOME: '/tmp' },
      });
      if (child.error || child.status !== 0) {
        // Some sandboxes cannot switch users or let nobody read the sources: say so, check nothing.
        console.warn(
          `skipped the unreadable-file check: cannot lint as nobody (${child.error?.message ?? child.stderr.split('\n')[0]})`,
        );
        return;
      }
      const findings = JSON.parse(child.stdout) as {
        ruleId: string;
        file: string;
        line: number;
        message: string;
      }[];
      expect(
        findings
          .filter((f) => f.ruleId === 'parse-error')
          .map(({ ruleId, file, line }) => ({ ruleId, file, line })),
      ).toEqual(expected);
      expect(findings.find((f) => f.ruleId === 'parse-error')!.message).toContain(
        'cannot be read (EACCES)',
      );
    },
  );
});

describe('what stops the linter: exit 2 with one line', () => {
  it('a path that does not exist', async () => {
    const missing = join(tmpdir(), 'doppio-no-such-repository', 'anywhere');
    expect(await main(['--no-actionlint', '--format', 'json', missing])).toBe(2);
    expect(io.err).toBe(`doppio-lint: ${missing}: no such file or directory\n`);
    expect(io.out).toBe('');
  });

  it('a directory with nothing to lint (the wrong folder), named as it was given', async () => {
    const root = box.repo({ 'README.md': '# not a service\n', 'src/index.ts': 'export {};\n' });
    expect(await main(['--no-actionlint', root])).toBe(2);
    expect(io.err).toBe(
      `doppio-lint: ${root}: nothing to lint (no workflow in .github/workflows/, no ecspresso config): run doppio-lint in a service repository\n`,
    );
    expect(io.out).toBe('');
    // One empty folder among others stops the run too, as eslint does for a pattern matching nothing.
    const service = box.repo({ [CANARY]: CANARY_WORKFLOW });
    expect(await main(['--no-actionlint', service, join(root, 'src')])).toBe(2);
    expect(io.err).toContain(`${join(root, 'src')}: nothing to lint`);
  });

  it('a config file with an unknown key, named with its place', async () => {
    const root = box.repo({
      '.doppio.yml': 'rules:\n  pinned-actions: warn\nignroe:\n  - legacy/**\n',
      [CANARY]: CANARY_WORKFLOW,
    });
    expect(await main(['--no-actionlint', root])).toBe(2);
    expect(io.err).toBe(
      'doppio-lint: .doppio.yml:3:1: unknown key `ignroe` in the configuration: did you mean `ignore`? (the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`)\n',
    );
    expect(io.out).toBe('');
  });

  it('an unknown key given with --config', async () => {
    const root = box.repo({
      'lint.yml': 'environments:\n  production: [prod]\nshared-flow:\n  repos: [a/b]\n',
      [CANARY]: CANARY_WORKFLOW,
    });
    expect(await main(['--no-actionlint', '--config', join(root, 'lint.yml'), root])).toBe(2);
    expect(io.err).toMatch(
      /^doppio-lint: .*lint\.yml:4:3: unknown key `repos` in `shared-flow`: did you mean `repositories`\? \(the keys there are `repositories`\)\n$/,
    );
  });
});
