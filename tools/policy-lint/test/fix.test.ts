// --fix: byte-preserving edits, a second lint that reports what remains, idempotence, files with
// a parse-error left alone, overlapping fixes, exit codes, and pinned-actions' SHA lookups against
// a local HTTP server that plays the GitHub REST API.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { applyEdits, fixAndLint, withFixable, type Checked } from '../src/engine/fix.js';
import { githubLookups } from '../src/engine/github.js';
import { lint } from '../src/engine/lint.js';
import { makeSourceFile } from '../src/model/source.js';
import type { Finding, FixLookups, RawFinding } from '../src/model/types.js';
import type { Project } from '../src/project/project.js';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';
const SHA2 = 'e3dd6a429d7300a6a4c196c26e071d42e0343502';
const MINE = new Set([
  'rollback-deregister',
  'ecspresso-version-pinned',
  'pinned-actions',
  'parse-error',
]);

function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'doppio-fix-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
const bytes = (root: string, path: string): Buffer => readFileSync(join(root, path));

/** Answers every ref with SHA, counting the questions. */
function fakeGithub(): FixLookups & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    commitSha: async (repository, ref) => {
      asked.push(`${repository}@${ref}`);
      return { sha: SHA };
    },
  };
}

async function run(root: string, fix: boolean | FixLookups = fakeGithub()): Promise<Finding[]> {
  const report = await lint({
    paths: [root],
    cwd: root,
    actionlint: 'off',
    ...(fix === false ? {} : { fix: { lookups: fix === true ? fakeGithub() : fix } }),
  });
  return report.findings.filter((f) => MINE.has(f.ruleId));
}

const brief = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.file}:${f.line} fixable=${f.fixable}`);

describe('rollback-deregister', () => {
  const WORKFLOW = [
    '# Manual rollback.  (comments, odd spacing and quoting stay as they are)',
    'on: workflow_dispatch',
    'jobs:',
    '  rollback:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    "      - run: ecspresso rollback   --config 'ecspresso.yml'   # first",
    '      - run: |',
    '          set -eu',
    '          ecspresso rollback --config ecspresso.yml --no-deregister-task-definition',
    '          ecspresso   rollback --config ecspresso.yml --no-wait',
    '      - run: "ecspresso rollback --config ecspresso.yml --deregister-task-definition=false"',
    '      - run: ./scripts/rollback.sh',
    '      - run: make -C ops rollback',
    '',
  ].join('\n');

  it('adds or turns the flag on in workflows, scripts and Makefiles, and leaves --no-wait', async () => {
    const root = repo({
      '.github/workflows/rollback.yml': WORKFLOW,
      'scripts/rollback.sh': '#!/bin/sh\n# rolls back\necspresso rollback --config "$CONFIG"\n',
      'ops/Makefile':
        'CONFIG ?= ecspresso.yml\n\nrollback:\n\tecspresso rollback \\\n\t  --config $(CONFIG)\n',
    });
    const before = await run(root, false);
    expect(brief(before.filter((f) => f.ruleId === 'rollback-deregister'))).toEqual([
      'rollback-deregister .github/workflows/rollback.yml:7 fixable=true',
      'rollback-deregister .github/workflows/rollback.yml:10 fixable=true',
      'rollback-deregister .github/workflows/rollback.yml:11 fixable=false',
      'rollback-deregister .github/workflows/rollback.yml:11 fixable=false',
      'rollback-deregister .github/workflows/rollback.yml:12 fixable=true',
      'rollback-deregister ops/Makefile:4 fixable=true',
      'rollback-deregister scripts/rollback.sh:3 fixable=true',
    ]);
    const after = await run(root);
    expect(read(root, '.github/workflows/rollback.yml')).toBe(
      WORKFLOW.replace(
        "ecspresso rollback   --config 'ecspresso.yml'",
        "ecspresso rollback --deregister-task-definition   --config 'ecspresso.yml'",
      )
        .replace('--no-deregister-task-definition', '--deregister-task-definition')
        .replace('--deregister-task-definition=false', '--deregister-task-definition'),
    );
    expect(read(root, 'scripts/rollback.sh')).toBe(
      '#!/bin/sh\n# rolls back\necspresso rollback --deregister-task-definition --config "$CONFIG"\n',
    );
    expect(read(root, 'ops/Makefile')).toBe(
      'CONFIG ?= ecspresso.yml\n\nrollback:\n\tecspresso rollback --deregister-task-definition \\\n\t  --config $(CONFIG)\n',
    );
    // What remains: the --no-wait rollback (its missing flag and the --no-wait itself), unfixable.
    expect(brief(after)).toEqual([
      'rollback-deregister .github/workflows/rollback.yml:11 fixable=false',
      'rollback-deregister .github/workflows/rollback.yml:11 fixable=false',
    ]);
  });

  it("turns doppio's rollback input back on, quoting kept", async () => {
    const text = (a: string, b: string) =>
      [
        'on: workflow_dispatch',
        'jobs:',
        '  one:',
        `    uses: doppio-dev/doppio/.github/workflows/rollback.yml@${SHA} # v1.2.3`,
        '    with:',
        `      deregister-task-definition: ${a}   # why?`,
        '  two:',
        `    uses: doppio-dev/doppio/.github/workflows/rollback.yml@${SHA} # v1.2.3`,
        `    with: { environment: production, deregister-task-definition: ${b} }`,
        '',
      ].join('\n');
    const root = repo({ '.github/workflows/rollback.yml': text('false', "'false'") });
    expect(await run(root)).toEqual([]);
    expect(read(root, '.github/workflows/rollback.yml')).toBe(text('true', "'true'"));
  });
});

describe('ecspresso-version-pinned', () => {
  it('replaces latest with the pinned version in every quoting and flow style', async () => {
    const text = (v: string) =>
      [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: kayac/ecspresso@${SHA} # v2`,
        '        with:',
        `          version: ${v}   # was latest`,
        `      - uses: kayac/ecspresso@${SHA} # v2`,
        '        with:',
        `          version: '${v}'`,
        `      - uses: kayac/ecspresso@${SHA} # v2`,
        `        with: {version: "${v}"}`,
        `      - { uses: 'doppio-dev/doppio/actions/setup-ecspresso@${SHA}', with: {version: ${v}} }`,
        '',
      ].join('\n');
    const root = repo({ '.github/workflows/deploy.yml': text('latest') });
    expect(brief(await run(root, false))).toEqual(
      [8, 11, 13, 14].map(
        (l) => `ecspresso-version-pinned .github/workflows/deploy.yml:${l} fixable=true`,
      ),
    );
    expect(await run(root)).toEqual([]);
    expect(read(root, '.github/workflows/deploy.yml')).toBe(text('V').replaceAll('V', 'v2.5.0'));
  });

  it("adds version: to a step's with:, block or flow, or adds with: in the file's indentation", async () => {
    const before = [
      'on: push',
      'jobs:',
      '    deploy:',
      '        runs-on: ubuntu-latest',
      '        steps:',
      `            -   uses: actions/checkout@${SHA} # v4`,
      '                with:',
      '                    persist-credentials: false',
      '            -   name: ecspresso',
      `                uses: kayac/ecspresso@${SHA} # v2`,
      '                id: setup',
      `            -   uses: kayac/ecspresso@${SHA}`,
      '                with:',
      '                    # the token for the GitHub API',
      '                    github-token: ${{ github.token }}',
      `            -   uses: kayac/ecspresso@${SHA}`,
      '                with: { github-token: "${{ github.token }}" }',
      `            -   uses: kayac/ecspresso@${SHA}`,
      '                with: {}',
      `            -   uses: kayac/ecspresso@${SHA}`,
      "                with: { version: '' }",
      '',
    ].join('\n');
    const root = repo({ '.github/workflows/deploy.yml': before });
    expect((await run(root, false)).every((f) => f.fixable)).toBe(true);
    expect(await run(root)).toEqual([]);
    expect(read(root, '.github/workflows/deploy.yml')).toBe(
      [
        'on: push',
        'jobs:',
        '    deploy:',
        '        runs-on: ubuntu-latest',
        '        steps:',
        `            -   uses: actions/checkout@${SHA} # v4`,
        '                with:',
        '                    persist-credentials: false',
        '            -   name: ecspresso',
        `                uses: kayac/ecspresso@${SHA} # v2`,
        '                with:',
        '                    version: v2.5.0',
        '                id: setup',
        `            -   uses: kayac/ecspresso@${SHA}`,
        '                with:',
        '                    version: v2.5.0',
        '                    # the token for the GitHub API',
        '                    github-token: ${{ github.token }}',
        `            -   uses: kayac/ecspresso@${SHA}`,
        '                with: { version: v2.5.0, github-token: "${{ github.token }}" }',
        `            -   uses: kayac/ecspresso@${SHA}`,
        '                with: {version: v2.5.0}',
        `            -   uses: kayac/ecspresso@${SHA}`,
        "                with: { version: 'v2.5.0' }",
        '',
      ].join('\n'),
    );
  });

  it('writes the version set by the rule option `version`', async () => {
    const root = repo({
      '.doppio.yml': 'rules:\n  ecspresso-version-pinned:\n    version: v2.9.1\n',
      '.github/workflows/deploy.yml': `on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: kayac/ecspresso@${SHA} # v2\n        with:\n          version: latest\n`,
    });
    expect(await run(root)).toEqual([]);
    expect(read(root, '.github/workflows/deploy.yml')).toContain('          version: v2.9.1\n');
  });

  it('a config with a version that is not one release is refused', async () => {
    const root = repo({
      '.doppio.yml': 'rules:\n  ecspresso-version-pinned:\n    version: latest\n',
    });
    await expect(lint({ paths: [root], cwd: root, actionlint: 'off' })).rejects.toThrow(/version/);
  });

  it('offers no fix for curl and go install downloads', async () => {
    const root = repo({
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go install github.com/kayac/ecspresso/v2/cmd/ecspresso@latest\n',
    });
    expect(brief(await run(root, false))).toEqual([
      'ecspresso-version-pinned .github/workflows/deploy.yml:6 fixable=false',
    ]);
  });
});

describe('pinned-actions', () => {
  const WORKFLOW = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: "actions/checkout@v4"   # checkout, again',
    "      - uses: 'actions/cache/restore@v4.2.0'",
    '      - { uses: actions/setup-node@v4, with: { node-version: 20 } }',
    '      - uses: docker://alpine:3.20',
    '      - uses: acme/no-ref',
    '  scan:',
    '    uses: acme/workflows/.github/workflows/scan.yml@main',
    '',
  ].join('\n');

  it('pins to the commit, adds `# ref` unless the line has a comment or more YAML, asks each ref once', async () => {
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const plain = await run(root, false);
    expect(brief(plain)).toEqual(
      [6, 7, 8, 9, 10, 11, 13].map(
        (l) => `pinned-actions .github/workflows/ci.yml:${l} fixable=${l !== 10 && l !== 11}`,
      ),
    );
    const github = fakeGithub();
    const after = await run(root, github);
    expect(new Set(github.asked)).toEqual(
      new Set([
        'actions/checkout@v4',
        'actions/cache@v4.2.0',
        'actions/setup-node@v4',
        'acme/workflows@main',
      ]),
    );
    expect(read(root, '.github/workflows/ci.yml')).toBe(
      WORKFLOW.replace('actions/checkout@v4\n', `actions/checkout@${SHA} # v4\n`)
        .replace('"actions/checkout@v4"', `"actions/checkout@${SHA}"`)
        .replace("'actions/cache/restore@v4.2.0'", `'actions/cache/restore@${SHA}' # v4.2.0`)
        .replace('actions/setup-node@v4,', `actions/setup-node@${SHA},`)
        .replace('scan.yml@main', `scan.yml@${SHA} # main`),
    );
    expect(brief(after)).toEqual([
      'pinned-actions .github/workflows/ci.yml:10 fixable=false',
      'pinned-actions .github/workflows/ci.yml:11 fixable=false',
    ]);
  });
});

describe('the engine', () => {
  it('keeps a BOM and CRLF line ends, and every byte outside the edits', async () => {
    const crlf = [
      '# deploy\t(tabs in comments)  ',
      'on: push',
      'jobs:',
      '  d:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: kayac/ecspresso@${SHA}   # v2   `,
      '      - run: "echo  \\"ünïcödé ✓\\""',
      '      - run: ecspresso rollback --config ecspresso.yml',
      '',
    ].join('\r\n');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]);
    const root = repo({ '.github/workflows/deploy.yml': bom });
    expect(await run(root)).toEqual([]);
    const expected = crlf
      .replace(`# v2   \r\n`, `# v2   \r\n        with:\r\n          version: v2.5.0\r\n`)
      .replace(
        'ecspresso rollback --config',
        'ecspresso rollback --deregister-task-definition --config',
      );
    expect(
      bytes(root, '.github/workflows/deploy.yml').equals(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(expected, 'utf8')]),
      ),
    ).toBe(true);
  });

  it('is idempotent: a second --fix changes nothing and reports none of the fixed findings', async () => {
    const root = repo({
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: kayac/ecspresso@v2\n      - uses: docker://alpine:3\n      - run: ecspresso rollback\n',
    });
    const first = await run(root);
    const once = bytes(root, '.github/workflows/deploy.yml');
    const github = fakeGithub();
    const second = await run(root, github);
    expect(bytes(root, '.github/workflows/deploy.yml').equals(once)).toBe(true);
    expect(github.asked).toEqual([]);
    expect(brief(first)).toEqual(['pinned-actions .github/workflows/deploy.yml:9 fixable=false']);
    expect(second).toEqual(first);
    expect(read(root, '.github/workflows/deploy.yml')).toBe(
      `on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: kayac/ecspresso@${SHA} # v2\n        with:\n          version: v2.5.0\n      - uses: docker://alpine:3\n      - run: ecspresso rollback --deregister-task-definition\n`,
    );
  });

  it('applies fixes that touch over several passes (both insert at the end of the `uses:` line)', async () => {
    // pinned-actions inserts ` # v2` after the scalar, ecspresso-version-pinned a `with:` block at
    // the end of the line: the same offset. One goes first, the other in the next pass.
    const root = repo({
      '.github/workflows/d.yml':
        'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: kayac/ecspresso@v2',
    });
    expect(await run(root)).toEqual([]);
    expect(read(root, '.github/workflows/d.yml')).toBe(
      `on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: kayac/ecspresso@${SHA} # v2\n        with:\n          version: v2.5.0`,
    );
  });

  it('never touches a file with a parse-error, and fixes the others', async () => {
    const broken =
      'on: push\njobs:\n  d:\n    steps:\n      - uses: kayac/ecspresso@v2\n      - run: ecspresso rollback\n    bad: [unclosed\n';
    const root = repo({
      '.github/workflows/broken.yml': broken,
      '.github/workflows/ok.yml':
        'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ecspresso rollback\n',
    });
    const after = await run(root);
    expect(read(root, '.github/workflows/broken.yml')).toBe(broken);
    expect(read(root, '.github/workflows/ok.yml')).toContain(
      'ecspresso rollback --deregister-task-definition\n',
    );
    expect(brief(after)).toEqual(['parse-error .github/workflows/broken.yml:8 fixable=false']);
  });

  it('does not offer a fix in a file with a parse-error, even one a rule attached', () => {
    const file = makeSourceFile('a.yml', '/nowhere/a.yml', 'workflow', 'abc');
    const raw: RawFinding = {
      ruleId: 'x',
      message: 'm',
      span: { file, start: 0, end: 1 },
      fix: [{ start: 0, end: 1, text: 'z' }],
    };
    const finding = { ruleId: 'x', fixable: false } as Finding;
    const project = (failures: unknown[]) =>
      ({ root: '/nowhere', parseFailures: failures }) as unknown as Project;
    expect(withFixable({ project: project([]), results: [{ finding, raw }] })[0]!.fixable).toBe(
      true,
    );
    expect(
      withFixable({
        project: project([{ message: 'bad', span: { file, start: 0, end: 0 } }]),
        results: [{ finding, raw }],
      })[0]!.fixable,
    ).toBe(false);
  });

  it('applies the first of two overlapping fixes and leaves the other unfixed in that pass', async () => {
    const root = repo({ 'a.txt': 'keep aaa bbb ccc keep' });
    const passes: string[] = [];
    // A stand-in for a lint: two findings whose edits overlap on `bbb`, reported while they apply.
    const check = async (): Promise<Checked> => {
      const text = read(root, 'a.txt');
      passes.push(text);
      const file = makeSourceFile('a.txt', join(root, 'a.txt'), 'script', text);
      const finding = (id: string, from: string, to: string) => {
        const at = text.indexOf(from);
        if (at === -1) return [];
        const raw: RawFinding = {
          ruleId: id,
          message: id,
          span: { file, start: at, end: at + from.length },
          fix: [{ start: at, end: at + from.length, text: to }],
        };
        return [{ finding: { ruleId: id, message: id, fixable: false } as Finding, raw }];
      };
      return {
        project: { root, parseFailures: [] } as unknown as Project,
        results: [...finding('second', 'bbb ccc', 'Y'), ...finding('first', 'aaa bbb', 'X')],
      };
    };
    const { findings } = await fixAndLint(check, false, { lookups: fakeGithub() });
    expect(passes[0]).toBe('keep aaa bbb ccc keep');
    expect(passes[1]).toBe('keep X ccc keep');
    expect(read(root, 'a.txt')).toBe('keep X ccc keep');
    expect(findings).toEqual([]);
  });

  it('applyEdits keeps everything outside the edits', () => {
    expect(
      applyEdits('0123456789', [
        { start: 8, end: 9, text: 'x' },
        { start: 1, end: 1, text: '<' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toBe('0<14567x9');
  });

  it('leaves a file alone that is reached through a symbolic link leaving the repository', async () => {
    const outside = repo({ 'rollback.sh': 'ecspresso rollback\n' });
    const root = repo({
      '.github/workflows/r.yml':
        'on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash scripts/rollback.sh\n',
    });
    mkdirSync(join(root, 'scripts'));
    symlinkSync(join(outside, 'rollback.sh'), join(root, 'scripts', 'rollback.sh'));
    await run(root);
    expect(read(outside, 'rollback.sh')).toBe('ecspresso rollback\n');
  });
});

describe('the GitHub API (a local server plays it)', () => {
  type Reply = { status: number; body?: string; headers?: Record<string, string> };
  let server: Server;
  let url: string;
  let requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  let reply: (path: string) => Reply = () => ({ status: 500 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ path: req.url ?? '', headers: req.headers });
      const { status, body = '', headers = {} } = reply(req.url ?? '');
      res.writeHead(status, headers).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = [];
  });

  const WORKFLOW =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@nope\n      - uses: actions/checkout@v4\n';

  it('success: asks once per ref with the sha media type and the token, and pins', async () => {
    reply = (path) =>
      path === '/repos/actions/checkout/commits/v4'
        ? { status: 200, body: `${SHA}\n` }
        : { status: 422, body: '{"message":"No commit found for SHA: nope"}' };
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const after = await run(
      root,
      githubLookups({ GITHUB_API_URL: `${url}/`, GH_TOKEN: 'gh-secret' }),
    );
    expect(requests.map((r) => r.path)).toEqual([
      '/repos/actions/checkout/commits/v4',
      '/repos/actions/setup-node/commits/nope',
    ]);
    expect(requests[0]!.headers['accept']).toBe('application/vnd.github.sha');
    expect(requests[0]!.headers['authorization']).toBe('Bearer gh-secret');
    expect(read(root, '.github/workflows/ci.yml')).toBe(
      WORKFLOW.replaceAll('actions/checkout@v4', `actions/checkout@${SHA} # v4`),
    );
    expect(after.map((f) => [f.line, f.fixable])).toEqual([[7, false]]);
    expect(after[0]!.message).toContain(
      'Not fixed: could not resolve `nope` of actions/setup-node to a commit: GitHub knows no branch, tag or commit `nope` in actions/setup-node',
    );
  });

  it('404 for an unknown ref: the finding stays, saying why', async () => {
    reply = () => ({ status: 404, body: '{"message":"Not Found"}' });
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const after = await run(root, githubLookups({ GITHUB_API_URL: url, GITHUB_TOKEN: 't' }));
    expect(read(root, '.github/workflows/ci.yml')).toBe(WORKFLOW);
    expect(after.map((f) => f.fixable)).toEqual([false, false, false]);
    expect(after[0]!.message).toMatch(
      /Not fixed: could not resolve `v4` of actions\/checkout to a commit: GitHub knows no branch, tag or commit `v4` in actions\/checkout$/,
    );
  });

  it('401: says the token was refused, and asks no more', async () => {
    reply = () => ({ status: 401, body: '{"message":"Bad credentials"}' });
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const after = await run(root, githubLookups({ GITHUB_API_URL: url, GITHUB_TOKEN: 'expired' }));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['authorization']).toBe('Bearer expired');
    expect(read(root, '.github/workflows/ci.yml')).toBe(WORKFLOW);
    expect(
      after.every(
        (f) =>
          !f.fixable &&
          f.message.includes(
            'the GitHub API refused the token (401 Unauthorized); check GITHUB_TOKEN',
          ),
      ),
    ).toBe(true);
  });

  it('403 with x-ratelimit-remaining: 0: says the rate limit is exceeded and to set GITHUB_TOKEN', async () => {
    reply = () => ({
      status: 403,
      body: '{"message":"API rate limit exceeded for 127.0.0.1."}',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' },
    });
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const after = await run(root, githubLookups({ GITHUB_API_URL: url }));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['authorization']).toBeUndefined();
    expect(read(root, '.github/workflows/ci.yml')).toBe(WORKFLOW);
    expect(after[0]!.message).toContain(
      'Not fixed: could not resolve `v4` of actions/checkout to a commit: GitHub API rate limit exceeded until 00:00 UTC; set GITHUB_TOKEN (or GH_TOKEN)',
    );
  });

  it('429 is a rate limit too', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '60' } });
    const after = await run(
      repo({ '.github/workflows/ci.yml': WORKFLOW }),
      githubLookups({ GITHUB_API_URL: url, GITHUB_TOKEN: 't' }),
    );
    expect(after[0]!.message).toContain('GitHub API rate limit exceeded; wait and run --fix again');
  });

  it('offline (connection refused): the finding stays, saying the API could not be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
    const after = await run(root, githubLookups({ GITHUB_API_URL: `http://127.0.0.1:${port}` }));
    expect(read(root, '.github/workflows/ci.yml')).toBe(WORKFLOW);
    expect(after[0]!.message).toContain(
      `the GitHub API at http://127.0.0.1:${port} could not be reached (ECONNREFUSED); are you offline?`,
    );
  });

  it('a server that does not answer in time counts as out of reach', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const lookups = githubLookups(
      { GITHUB_API_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` },
      { timeoutMs: 200 },
    );
    expect(await lookups.commitSha('actions/checkout', 'v4')).toEqual({
      error: expect.stringContaining('did not answer within 0.2 s'),
    });
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  describe('through the CLI', () => {
    let out = '';
    const saved = { ...process.env };
    beforeEach(() => {
      out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += String(chunk);
        return true;
      });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      process.env['GITHUB_API_URL'] = url;
      process.env['GITHUB_TOKEN'] = 'from-env';
      reply = (path) =>
        path.endsWith('/commits/v4') ? { status: 200, body: SHA2 } : { status: 404 };
    });
    afterEach(() => {
      vi.restoreAllMocks();
      process.env = { ...saved };
    });

    it('a plain lint makes no request and writes nothing; fixable is true for the offered fixes', async () => {
      const root = repo({ '.github/workflows/ci.yml': WORKFLOW });
      expect(await main(['--no-actionlint', '--format', 'json', root])).toBe(1);
      expect(requests).toEqual([]);
      expect(read(root, '.github/workflows/ci.yml')).toBe(WORKFLOW);
      const findings = (JSON.parse(out).findings as Finding[]).filter((f) => MINE.has(f.ruleId));
      expect(findings.map((f) => f.fixable)).toEqual([true, true, true]);
    });

    it('--fix --format json prints the report after fixing; exit 0 when everything was fixed', async () => {
      const root = repo({
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ecspresso rollback\n',
      });
      expect(
        await main([
          '--no-actionlint',
          '--fix',
          '--format',
          'json',
          '--rule',
          'rollback-deregister=error',
          root,
        ]),
      ).toBe(0);
      const report = JSON.parse(out);
      expect(report.findings.filter((f: Finding) => MINE.has(f.ruleId))).toEqual([]);
      expect(requests.map((r) => [r.path, r.headers['authorization']])).toEqual([
        ['/repos/actions/checkout/commits/v4', 'Bearer from-env'],
      ]);
      expect(read(root, '.github/workflows/ci.yml')).toContain(
        `actions/checkout@${SHA2} # v4\n      - run: ecspresso rollback --deregister-task-definition\n`,
      );
    });

    it('--fix exits 1 when errors remain, and stylish says why', async () => {
      const root = repo({
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@nope\n',
      });
      expect(await main(['--no-actionlint', '--fix', root])).toBe(1);
      expect(out).toContain(
        'Not fixed: could not resolve `nope` of actions/setup-node to a commit',
      );
      expect(out).not.toContain('fixable with the `--fix` option');
    });
  });
});
