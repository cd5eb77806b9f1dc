// actionlint as doppio-lint runs it: the native binary of the host's platform package, else the
// WASM build, both built by `pnpm install` from tools/actionlint's Go module; and the proof that
// the two report the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCorpus } from '../bench/corpus.js';
import { findActionlint } from '../src/engine/actionlint.js';
import { lint } from '../src/engine/lint.js';
import { UsageError } from '../src/errors.js';
import type { Finding } from '../src/model/types.js';
import { scratch } from './support/repos.js';

const TOOLS = join(import.meta.dirname, '..', '..', 'actionlint');
const GO_MOD = readFileSync(join(TOOLS, 'go.mod'), 'utf8');
const VERSION = /github\.com\/rhysd\/actionlint v(\S+)/.exec(GO_MOD)![1]!;
const HOST = `${process.platform}-${process.arch}`;
const NATIVE_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

const repositories = scratch('actionlint');
afterAll(() => repositories.remove());

const ours = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.ruleId.startsWith('actionlint/'))
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);

it('is the version CI lints this repository’s workflows with', () => {
  const ci = readFileSync(join(TOOLS, '..', '..', '.ci', 'lint-workflows'), 'utf8');
  expect(ci).toContain(`ACTIONLINT_VERSION=v${VERSION} `);
});

describe('which actionlint runs', () => {
  it.runIf(NATIVE_PLATFORMS.includes(HOST))(
    'auto takes the native binary of the host’s package, at the version go.mod pins',
    () => {
      const found = findActionlint('auto');
      expect(found.kind).toBe('native');
      // The workspace links @doppio-dev/actionlint-<host> to the package's folder.
      expect(found.command).toBe(
        join(TOOLS, 'npm', HOST, 'bin', HOST.startsWith('win32') ? 'actionlint.exe' : 'actionlint'),
      );
      expect(found.version).toBe(VERSION);
      expect(findActionlint('wasm')).toMatchObject({ kind: 'wasm', version: VERSION });
    },
  );

  it('says which package is missing for which platform, and what to use instead', () => {
    expect(() => findActionlint('native', { platform: 'freebsd-x64' })).toThrow(
      new UsageError(
        '--actionlint native: there is no native actionlint for freebsd-x64 (there is for linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64); use `--actionlint wasm` (slower), or `--actionlint off` to lint without actionlint',
      ),
    );
    // In this repository every platform's package is linked, and only the host's has a binary.
    const other = NATIVE_PLATFORMS.find((p) => p !== HOST)!;
    expect(() => findActionlint('native', { platform: other })).toThrow(
      `--actionlint native: @doppio-dev/actionlint-${other}, the native actionlint for ${other}, holds no binary (in a clone of doppio, \`pnpm install\` builds it with Go 1.24 or newer); use`,
    );
    // auto falls back to the WASM build.
    expect(findActionlint('auto', { platform: 'freebsd-x64' }).kind).toBe('wasm');
  });
});

describe('what actionlint reads', () => {
  const workflow = (runsOn: string) =>
    `on: push\njobs:\n  build:\n    runs-on: ${runsOn}\n    steps:\n      - run: echo hi\n`;

  it('the repository’s .github/actionlint.yaml, also outside a git clone', async () => {
    const files = { '.github/workflows/ci.yml': workflow('[self-hosted, gpu]') };
    const without = repositories.repo(files);
    expect(
      ours((await lint({ paths: [without], cwd: without, actionlint: 'auto' })).findings),
    ).toEqual(['.github/workflows/ci.yml:4:28 actionlint/runner-label']);
    const configured = repositories.repo({
      ...files,
      '.github/actionlint.yaml': 'self-hosted-runner:\n  labels: [gpu]\n',
    });
    for (const actionlint of ['native', 'wasm'] as const)
      expect(
        ours((await lint({ paths: [configured], cwd: configured, actionlint })).findings),
      ).toEqual([]);
  });

  it('in a git clone, the reusable workflows a workflow calls from the repository', async () => {
    const root = repositories.repo({
      // actionlint takes a directory for a repository when it holds .git and .github/workflows.
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/workflows/caller.yml':
        'on: push\njobs:\n  call:\n    uses: ./.github/workflows/called.yml\n    with:\n      colour: red\n',
      '.github/workflows/called.yml':
        'on:\n  workflow_call:\n    inputs:\n      color:\n        type: string\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$COLOR"\n',
    });
    const { findings } = await lint({ paths: [root], cwd: root, actionlint: 'auto' });
    expect(findings.filter((f) => f.ruleId === 'actionlint/workflow-call')).toMatchObject([
      { file: '.github/workflows/caller.yml', line: 6, message: expect.stringContaining('colour') },
    ]);
  });

  it('a broken actionlint config stops the lint with actionlint’s reason (exit 2)', async () => {
    const root = repositories.repo({
      '.github/workflows/ci.yml': workflow('ubuntu-latest'),
      '.github/actionlint.yaml': 'self-hosted-runner: [\n',
    });
    await expect(lint({ paths: [root], cwd: root, actionlint: 'auto' })).rejects.toThrow(
      /^actionlint could not lint the workflows \(exit status 3\): .*actionlint\.yaml/,
    );
  });
});

const corpus = ensureCorpus();

// The differential test: the WASM build is the fallback of the native binary, so on 1,503 real
// workflows it must report exactly what the native binary reports — same version, same findings.
describe.skipIf(corpus === undefined)('native and WASM on the real-world corpus', () => {
  it('give byte-identical reports', { timeout: 600_000 }, async () => {
    const native = await lint({ paths: [corpus!], cwd: corpus!, actionlint: 'native' });
    const wasm = await lint({ paths: [corpus!], cwd: corpus!, actionlint: 'wasm' });
    expect(native.tool.actionlint).toBe(VERSION);
    expect(wasm.tool).toEqual(native.tool);
    expect(ours(native.findings).length).toBeGreaterThan(5000);
    expect(JSON.stringify(wasm)).toBe(JSON.stringify(native));
  });
});
