// Releases made in temporary git repositories holding copies of this repository's real files.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check, pin } from '../src/pin.js';
import { release } from '../src/release.js';
import { createTags } from '../src/tags.js';
import { BIN, IDENTITY, makeRepos, sh, tree as treeOf } from './support/repos.js';

let scratch: string;
let origin: string;
let clone: string;

beforeEach(() => {
  ({ scratch, origin, clone } = makeRepos());
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const tree = (rev: string): Map<string, string> => treeOf(clone, rev);

/** A line with every self-reference (and its version comment) replaced by a marker. */
const masked = (line: string): string =>
  line.replace(
    /[\w-]+\/doppio\/(?:actions\/[\w.-]+|\.github\/workflows\/[\w.-]+)@[\w./-]+(?: # v\d+\.\d+\.\d+)?/g,
    '<ref>',
  );

function expectOnlyReferencesChanged(
  before: Map<string, string>,
  after: Map<string, string>,
): number {
  expect([...after.keys()]).toEqual([...before.keys()]);
  let changedLines = 0;
  for (const [file, text] of before) {
    const next = after.get(file)!;
    if (next === text) continue;
    const a = text.split('\n');
    const b = next.split('\n');
    expect(b.length, file).toBe(a.length);
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      changedLines++;
      expect(masked(b[i]!), `${file}:${i + 1}`).toBe(masked(a[i]!));
    }
  }
  return changedLines;
}

/**
 * Self-references at `main` in a tree, counted line by line: the oracle for how many references a
 * release pins (test fixtures and the rule pages' bad examples are data, never pinned).
 */
const MAIN_REFERENCE =
  /^\s*(?:-\s+)?uses:\s*doppio-dev\/doppio\/(?:actions\/[\w.-]+|\.github\/workflows\/[\w.-]+)@main\b/;

function mainReferences(files: Map<string, string>): number {
  let count = 0;
  for (const [file, text] of files) {
    if (
      file.startsWith('tools/policy-lint/test/rules/') ||
      file.startsWith('docs/rules/') ||
      file.endsWith('CHANGELOG.md')
    )
      continue;
    count += text.split('\n').filter((line) => MAIN_REFERENCE.test(line)).length;
  }
  return count;
}

const tagCommit = (name: string): string => sh(clone, ['rev-parse', `refs/tags/${name}^{commit}`]);

function checkoutTag(name: string): void {
  sh(clone, ['checkout', '--quiet', '--detach', name]);
}

describe('release (dry, from a clone)', () => {
  it('tags a commit whose self-references all point at a commit holding the same files; pin --check passes', () => {
    const base = sh(clone, ['rev-parse', 'HEAD']);
    const result = release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });

    // Callers → workflows → actions: two pinning commits on top of the base.
    expect(result.commits).toHaveLength(2);
    expect(sh(clone, ['rev-parse', `${result.commits[1]}~2`])).toBe(base);
    expect(tagCommit('v1.0.0')).toBe(result.commits[1]);
    expect(tagCommit('v1')).toBe(result.commits[1]);
    expect(sh(clone, ['cat-file', '-t', 'refs/tags/v1.0.0'])).toBe('tag');
    // The branch and the working tree are untouched; no worktree is left behind.
    expect(sh(clone, ['rev-parse', 'HEAD'])).toBe(base);
    expect(sh(clone, ['status', '--porcelain'])).toBe('');
    expect(sh(clone, ['worktree', 'list']).split('\n')).toHaveLength(1);

    const changed = expectOnlyReferencesChanged(tree(base), tree('v1.0.0'));
    expect(changed).toBe(mainReferences(tree(base)));
    expect(changed).toBeGreaterThan(10);
    const pinnedTo = result.commits[0]!;
    checkoutTag('v1.0.0');
    expect(check(clone, { repository: 'doppio-dev/doppio', ref: pinnedTo })).toEqual([]);
    // Every ref in the release resolves to a commit whose files are the same (actions, dist, workflows).
    expect(sh(clone, ['diff', '--stat', base, pinnedTo, '--', 'actions'])).toBe('');
    const workflow = tree('v1.0.0').get('.github/workflows/deploy-ecspresso.yml')!;
    // Pinned by SHA alone: pinnedTo is not the commit v1.0.0 names, so no `# v1.0.0` claims it is.
    expect(workflow).toMatch(
      new RegExp(`uses: doppio-dev/doppio/actions/setup-ecspresso@${pinnedTo}\\n`),
    );
    expect(workflow).not.toMatch(/doppio-dev\/doppio\/actions\/[\w-]+@main/);
    // Fixture repositories and rule pages keep their deliberate refs.
    expect(
      tree('v1.0.0').get(
        'tools/policy-lint/test/rules/shared-flow-ref/bad-branch/files/.github/workflows/staging.yml',
      ),
    ).toContain('deploy-ecspresso.yml@main');
    expect(tree('v1.0.0').get('docs/rules/shared-flow-ref.md')).toContain(
      'deploy-ecspresso.yml@main   # error: branch',
    );
    // The caller in the release calls workflows whose own references are pinned.
    const caller = tree('v1.0.0').get('test/callers/staging.yml')!;
    expect(caller).toMatch(
      new RegExp(`uses: doppio-dev/doppio/\\.github/workflows/build-push\\.yml@${pinnedTo}\\n`),
    );
    expect(tree(pinnedTo).get('.github/workflows/deploy-ecspresso.yml')).toMatch(
      new RegExp(`actions/setup-ecspresso@${base}\\n`),
    );
  });

  it('is idempotent: a second run makes the same commits and moves nothing', () => {
    const first = release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });
    const tagObject = sh(clone, ['rev-parse', 'refs/tags/v1.0.0']);
    const majorObject = sh(clone, ['rev-parse', 'refs/tags/v1']);
    const second = release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });
    expect(second.commits).toEqual(first.commits);
    expect(sh(clone, ['rev-parse', 'refs/tags/v1.0.0'])).toBe(tagObject);
    expect(sh(clone, ['rev-parse', 'refs/tags/v1'])).toBe(majorObject);
  });

  it('pushes the tags (and with them the release commits); a second push sends nothing', () => {
    const lines: string[] = [];
    const first = release({
      cwd: clone,
      version: '1.0.0',
      repository: 'doppio-dev/doppio',
      push: true,
      log: (l) => lines.push(l),
    });
    expect(lines).toContain('pushed v1.0.0, v1 to origin');
    expect(sh(origin, ['rev-parse', 'refs/tags/v1.0.0^{commit}'])).toBe(first.tags.commit);
    expect(sh(origin, ['rev-parse', 'refs/tags/v1^{commit}'])).toBe(first.tags.commit);
    expect(sh(origin, ['rev-parse', 'refs/heads/main'])).toBe(first.base);

    // A fresh clone (as the next workflow run) releasing again changes nothing.
    const again = join(scratch, 'again');
    sh(scratch, ['clone', '--quiet', origin, again]);
    const later: string[] = [];
    const second = release({
      cwd: again,
      version: '1.0.0',
      repository: 'doppio-dev/doppio',
      push: true,
      log: (l) => later.push(l),
    });
    expect(second.tags.commit).toBe(first.tags.commit);
    expect(later).toContain('origin already has v1.0.0 and v1');
  });

  it('rewrites owner and name for a fork, finding references under both names', () => {
    const base = sh(clone, ['rev-parse', 'HEAD']);
    const result = release({ cwd: clone, version: '1.0.0', repository: 'other-org/doppio' });
    const after = tree('v1.0.0');
    expectOnlyReferencesChanged(tree(base), after);
    for (const file of [
      '.github/workflows/deploy-ecspresso.yml',
      '.github/workflows/rollback.yml',
      'test/callers/staging.yml',
    ]) {
      const text = after.get(file)!;
      expect(text, file).not.toMatch(/^\s*(?:-\s+)?uses: doppio-dev\/doppio\//m);
      expect(text, file).toContain(`uses: other-org/doppio/`);
    }
    checkoutTag('v1.0.0');
    expect(check(clone, { repository: 'other-org/doppio', ref: result.commits[0]! })).toEqual([]);
    // The fork's next pin finds the references under its own name.
    const next = pin(clone, { repository: 'other-org/doppio', ref: 'main' });
    expect(next).toHaveLength(mainReferences(tree(base)));
    expect(
      next.every(
        (c) => c.before.startsWith('other-org/doppio/') && c.after.startsWith('other-org/doppio/'),
      ),
    ).toBe(true);
  });
});

describe('tags', () => {
  it('refuses a version tag that already exists on another commit', () => {
    const base = sh(clone, ['rev-parse', 'HEAD']);
    sh(clone, ['tag', '-a', 'v1.0.0', '-m', 'v1.0.0', base]);
    expect(() =>
      release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' }),
    ).toThrow(/v1\.0\.0 already exists on .*: a release tag never moves/);
    expect(sh(clone, ['rev-parse', 'refs/tags/v1.0.0^{commit}'])).toBe(base);
    expect(sh(clone, ['tag', '--list'])).toBe('v1.0.0');
  });

  it('refuses a version tag the remote already has on another commit', () => {
    const base = sh(clone, ['rev-parse', 'HEAD']);
    sh(clone, ['tag', 'v1.0.0', base]);
    sh(clone, ['push', '--quiet', 'origin', 'v1.0.0']);
    sh(clone, ['tag', '-d', 'v1.0.0']);
    writeFileSync(join(clone, 'NEW.md'), 'new\n');
    sh(clone, ['add', 'NEW.md']);
    sh(clone, ['commit', '--quiet', '-m', 'another commit']);
    expect(() => createTags({ cwd: clone, version: '1.0.0', push: true })).toThrow(
      /remote origin: tag v1\.0\.0 already exists on/,
    );
    expect(sh(clone, ['tag', '--list'])).toBe('');
  });

  it('is idempotent on the same commit', () => {
    createTags({ cwd: clone, version: '1.0.0' });
    const objects = sh(clone, ['show-ref', '--tags']);
    const lines: string[] = [];
    createTags({ cwd: clone, version: '1.0.0', log: (l) => lines.push(l) });
    expect(sh(clone, ['show-ref', '--tags'])).toBe(objects);
    expect(lines).toEqual([
      `v1.0.0 already on ${sh(clone, ['rev-parse', 'HEAD']).slice(0, 12)}`,
      'v1 already at v1.0.0',
    ]);
  });

  it('moves the major forward and never backwards', () => {
    const first = sh(clone, ['rev-parse', 'HEAD']);
    createTags({ cwd: clone, version: '1.1.0' });
    writeFileSync(join(clone, 'NEW.md'), 'new\n');
    sh(clone, ['add', 'NEW.md']);
    sh(clone, ['commit', '--quiet', '-m', 'a patch on an older line']);
    const second = sh(clone, ['rev-parse', 'HEAD']);
    // 1.0.1 released after 1.1.0 (a backport): its tag is fine, v1 must stay at 1.1.0.
    expect(() => createTags({ cwd: clone, version: '1.0.1' })).toThrow(
      /v1 is at v1\.1\.0: moving it to v1\.0\.1 would move it backwards/,
    );
    expect(tagCommit('v1')).toBe(first);
    expect(sh(clone, ['tag', '--list', 'v1.0.1'])).toBe('');
    createTags({ cwd: clone, version: '1.2.0' });
    expect(tagCommit('v1')).toBe(second);
    expect(sh(clone, ['tag', '--list', 'v1', '--format=%(contents:subject)'])).toBe('v1.2.0');
    // A new major starts its own tag; v1 stays.
    createTags({ cwd: clone, version: '2.0.0' });
    expect(tagCommit('v2')).toBe(second);
    expect(tagCommit('v1')).toBe(second);
  });

  it('reads the version of a lightweight major tag from the release tags on its commit', () => {
    sh(clone, ['tag', 'v1.3.0']);
    sh(clone, ['tag', 'v1']);
    writeFileSync(join(clone, 'NEW.md'), 'new\n');
    sh(clone, ['add', 'NEW.md']);
    sh(clone, ['commit', '--quiet', '-m', 'next']);
    expect(() => createTags({ cwd: clone, version: '1.2.9' })).toThrow(/v1 is at v1\.3\.0/);
  });

  it('leaves the major alone for a pre-release', () => {
    createTags({ cwd: clone, version: '2.0.0-next.0' });
    expect(sh(clone, ['tag', '--list'])).toBe('v2.0.0-next.0');
  });
});

describe('the doppio-release command', () => {
  const run = (args: string[]): { code: number; stdout: string; stderr: string } => {
    try {
      const stdout = execFileSync(process.execPath, [BIN, ...args], {
        cwd: clone,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...IDENTITY, GITHUB_REPOSITORY: '' },
      });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('pin prints file:line old → new; pin --check lists what is not pinned and exits 1', () => {
    const sha = sh(clone, ['rev-parse', 'HEAD']);
    const lineOf = (file: string, text: string): number =>
      tree(sha)
        .get(file)!
        .split('\n')
        .findIndex((line) => line.includes(text)) + 1;
    const before = run(['pin', '--check', '--repository', 'doppio-dev/doppio', '--ref', sha]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      `.github/workflows/rollback.yml:${lineOf('.github/workflows/rollback.yml', 'setup-ecspresso@main')}: doppio-dev/doppio/actions/setup-ecspresso@main (want doppio-dev/doppio/actions/setup-ecspresso@${sha})`,
    );
    expect(before.stdout).toContain(`${mainReferences(tree(sha))} self-references are not pinned`);

    const pinned = run(['pin', '--repository', 'doppio-dev/doppio', '--ref', sha]);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain(
      `test/callers/staging.yml:${lineOf('test/callers/staging.yml', 'build-push.yml@main')}: doppio-dev/doppio/.github/workflows/build-push.yml@main → doppio-dev/doppio/.github/workflows/build-push.yml@${sha}\n`,
    );
    expect(run(['pin', '--check', '--repository', 'doppio-dev/doppio', '--ref', sha]).code).toBe(0);
    expect(run(['pin', '--repository', 'doppio-dev/doppio', '--ref', sha]).stdout).toBe(
      'nothing to change\n',
    );
  });

  /** `pin` (or `pin --check`) of this repository's references to `ref`, as version 1.0.0. */
  const pinAsV1 = (ref: string, ...flags: string[]): string[] => [
    'pin',
    ...flags,
    '--repository',
    'doppio-dev/doppio',
    '--ref',
    ref,
    '--version',
    '1.0.0',
  ];

  it('pin --version writes `# vX.Y.Z` only after a commit the tag vX.Y.Z names, and refuses otherwise', () => {
    const sha = sh(clone, ['rev-parse', 'HEAD']);
    const untagged = run(pinAsV1(sha));
    expect(untagged.code).toBe(1);
    expect(untagged.stderr).toContain(
      `v1.0.0 is not a tag here, not ${sha}: a \`# v1.0.0\` comment must name the commit its tag points to`,
    );
    expect(sh(clone, ['status', '--porcelain'])).toBe('');

    sh(clone, ['tag', 'v1.0.0', sha]);
    const pinned = run(pinAsV1(sha));
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain(
      `doppio-dev/doppio/.github/workflows/build-push.yml@main → doppio-dev/doppio/.github/workflows/build-push.yml@${sha} # v1.0.0\n`,
    );
    expect(run(pinAsV1(sha, '--check')).code).toBe(0);

    // The tag moved on (or names another commit): the comment would lie, so --check refuses too.
    sh(clone, ['commit', '--quiet', '--allow-empty', '-m', 'next']);
    sh(clone, ['tag', '-f', 'v1.0.0']);
    const moved = run(pinAsV1(sha, '--check'));
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain(`v1.0.0 names ${sh(clone, ['rev-parse', 'HEAD'])}, not ${sha}`);
  });

  it('tags refuses with exit 1 and says why; a usage error exits 2', () => {
    expect(run(['tags', '--version', '1.0.0']).code).toBe(0);
    writeFileSync(join(clone, 'NEW.md'), 'new\n');
    sh(clone, ['add', 'NEW.md']);
    sh(clone, ['commit', '--quiet', '-m', 'next']);
    const refused = run(['tags', '--version', '1.0.0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tag v1\.0\.0 already exists on/);
    expect(run(['tags', '--version', 'one']).code).toBe(2);
    expect(run(['pin', '--ref', 'main']).code).toBe(2);
  });
});
