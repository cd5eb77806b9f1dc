// Temporary git repositories holding copies of this repository's real files: a bare "GitHub"
// repository with them on main, and a fresh clone of it, as a release workflow run sees them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'doppio-release.js');
export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function sh(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...IDENTITY },
  }).trim();
}

/** The files a release touches or must leave alone, copied from this repository. */
function copyFixture(into: string): void {
  const copy = (path: string): void => {
    const from = join(ROOT, path);
    if (!existsSync(from)) return;
    mkdirSync(dirname(join(into, path)), { recursive: true });
    cpSync(from, join(into, path), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
  };
  for (const name of readdirSync(join(ROOT, '.github', 'workflows')))
    copy(`.github/workflows/${name}`);
  for (const name of readdirSync(join(ROOT, 'actions'))) {
    copy(`actions/${name}/action.yml`);
    copy(`actions/${name}/README.md`);
  }
  for (const path of [
    'workflows',
    'docs',
    'test/callers',
    'README.md',
    '.changeset/README.md',
    'tools/policy-lint/package.json',
    'tools/policy-lint/templates',
  ])
    copy(path);
  // A fixture repository with deliberate refs: data the release must never rewrite.
  copy('tools/policy-lint/test/rules/shared-flow-ref/bad-branch');
}

export interface Repos {
  scratch: string;
  /** The bare repository pushes go to. */
  origin: string;
  clone: string;
}

export function makeRepos(): Repos {
  const scratch = mkdtempSync(join(tmpdir(), 'doppio-release-test-'));
  const seed = join(scratch, 'seed');
  const origin = join(scratch, 'origin.git');
  const clone = join(scratch, 'clone');
  mkdirSync(seed);
  sh(seed, ['init', '--quiet', '--initial-branch=main']);
  copyFixture(seed);
  sh(seed, ['add', '-A']);
  sh(seed, ['commit', '--quiet', '-m', 'Version Packages']);
  sh(scratch, ['clone', '--quiet', '--bare', seed, origin]);
  sh(scratch, ['clone', '--quiet', origin, clone]);
  return { scratch, origin, clone };
}

/** Each tracked file at `rev`, path → content. */
export function tree(repo: string, rev: string): Map<string, string> {
  const files = sh(repo, ['ls-tree', '-r', '--name-only', rev]).split('\n');
  return new Map(
    files.map((f) => [
      f,
      execFileSync('git', ['show', `${rev}:${f}`], { cwd: repo, encoding: 'utf8' }),
    ]),
  );
}
