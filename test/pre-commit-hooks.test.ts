// .pre-commit-hooks.yaml: each hook's entry run as pre-commit runs it — in the repository being
// committed, with the hook's `args:` and no file names — on the example service (clean, exit 0) and
// on a repository with a finding (exit 1). The npx hook runs against a stand-in `npx` that records
// the package it was asked for and runs this checkout's linter instead (no registry in tests).
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPOSITORY = join(import.meta.dirname, '..');
const LINTER = join(REPOSITORY, 'tools', 'policy-lint');
const BIN = join(LINTER, 'bin', 'doppio-lint.js');
const EXAMPLE = join(REPOSITORY, 'workflows', 'example-service');

interface Hook {
  readonly id: string;
  readonly entry: string;
  readonly language: string;
  readonly pass_filenames?: boolean;
  readonly types_or?: readonly string[];
}

const hooks = parse(readFileSync(join(REPOSITORY, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = (id: string): Hook => hooks.find((h) => h.id === id)!;

const scratch = mkdtempSync(join(tmpdir(), 'doppio-pre-commit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A repository with one finding (an action pinned to a tag). */
function badRepository(): string {
  const root = join(scratch, 'bad');
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    join(root, '.github', 'workflows', 'ci.yml'),
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
  );
  return root;
}

/** A folder holding `name`, a shell script that runs `body`. */
function onPath(name: string, body: string): string {
  const directory = mkdtempSync(join(scratch, 'bin-'));
  writeFileSync(join(directory, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return directory;
}

/** Runs a hook as pre-commit does: its entry, then its args, in the repository, no file names. */
function runHook(h: Hook, cwd: string, path: string, args: readonly string[] = []) {
  const [command, ...entryArgs] = h.entry.split(' ');
  const executable = h.language === 'script' ? join(REPOSITORY, command!) : command!;
  return spawnSync(executable, [...entryArgs, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path}${delimiter}${process.env['PATH']}`, NO_COLOR: '1' },
  });
}

describe('.pre-commit-hooks.yaml', () => {
  it('offers doppio-lint (npx, the release of the revision) and doppio-lint-system (PATH), run once per commit on the kinds of file the linter reads', () => {
    expect(hooks.map((h) => h.id)).toEqual(['doppio-lint', 'doppio-lint-system']);
    for (const h of hooks) {
      expect(h.pass_filenames, h.id).toBe(false);
      expect(h.types_or, h.id).toEqual(['yaml', 'json', 'jsonnet', 'shell', 'makefile']);
    }
    expect(hook('doppio-lint').language).toBe('script');
    // pre-commit runs a script entry from the hook repository's checkout: it must be executable.
    accessSync(join(REPOSITORY, hook('doppio-lint').entry), constants.X_OK);
    expect(hook('doppio-lint-system')).toMatchObject({ language: 'system', entry: 'doppio-lint' });
  });
});

describe.skipIf(!existsSync(join(LINTER, 'dist', 'cli.js')))(
  'the hooks run (needs the built linter: pnpm install builds it)',
  () => {
    const linter = onPath('doppio-lint', `exec node '${BIN}' "$@"`);

    it('doppio-lint-system lints the example service clean, and fails on a finding', () => {
      const clean = runHook(hook('doppio-lint-system'), EXAMPLE, linter);
      expect(clean.stderr).toBe('');
      expect(clean.stdout).toMatch(/^✔ no problems \(\d+ files checked\)\n$/);
      expect(clean.status).toBe(0);
      const bad = runHook(hook('doppio-lint-system'), badRepository(), linter);
      expect(bad.stdout).toContain('pinned-actions');
      expect(bad.status).toBe(1);
    });

    it('doppio-lint asks npx for the linter release of its own revision, passing the args on', () => {
      const { name, version } = JSON.parse(readFileSync(join(LINTER, 'package.json'), 'utf8'));
      const record = join(scratch, 'npx-args');
      // The stand-in: `npx --yes <package> args…` records its first two arguments, runs the rest.
      const npx = onPath(
        'npx',
        `printf '%s\\n' "$1" "$2" > '${record}'\nshift 2\nexec node '${BIN}' "$@"`,
      );
      const clean = runHook(hook('doppio-lint'), EXAMPLE, npx, ['--max-warnings', '0']);
      expect(clean.stderr).toBe('');
      expect(clean.status).toBe(0);
      expect(readFileSync(record, 'utf8')).toBe(`--yes\n${name}@${version}\n`);
      const bad = runHook(hook('doppio-lint'), badRepository(), npx, ['--format', 'json']);
      expect(JSON.parse(bad.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
        'pinned-actions',
      ]);
      expect(bad.status).toBe(1);
    });
  },
);
