// `doppio-release release`: from a commit that holds the release's content (the merged version
// commit, with its built dist/), the commits whose self-references point at a commit holding the
// same actions and workflows, then the tags. The branch and the working tree are never touched:
// the release commits are made in a temporary worktree and are reachable through the tags.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, tryRevParse } from './git.js';
import { check, pin, referenceDepth, scan, type FileChange } from './pin.js';
import { createTags, RefusedError, releaseIdentity, type TagsResult } from './tags.js';
import { formatVersion, parseVersion } from './version.js';

export interface ReleaseOptions {
  cwd: string;
  version: string;
  repository: string;
  /** The commit to release; HEAD by default. */
  base?: string;
  push?: boolean;
  remote?: string;
  log?: (line: string) => void;
}

export interface ReleaseResult {
  base: string;
  /** The pinning commits, oldest first; the last one is tagged. */
  commits: string[];
  tags: TagsResult;
}

/**
 * Why a chain, not one commit: a commit cannot name its own SHA. Commit 1 pins every self-reference
 * to the base, commit 2 to commit 1, and so on; a chain of references n long (caller → workflow →
 * action is 2) followed from commit n reaches the base only at its last file, which references
 * nothing. So nothing reachable from the tag runs at a branch. With today's files n is 2.
 */
export function release(options: ReleaseOptions): ReleaseResult {
  const { cwd } = options;
  const log = options.log ?? (() => {});
  const version = parseVersion(options.version);
  if (!version) throw new RefusedError(`not a version: ${options.version} (expected X.Y.Z)`);
  const versionText = formatVersion(version);
  const base = git(cwd, ['rev-parse', `${options.base ?? 'HEAD'}^{commit}`]);
  const worktree = mkdtempSync(join(tmpdir(), 'doppio-release-'));
  try {
    git(cwd, ['worktree', 'add', '--quiet', '--detach', worktree, base]);
    const depth = referenceDepth(scan(worktree, options.repository));
    log(
      `releasing v${versionText} from ${base.slice(0, 12)}: self-references ${depth} deep, ${depth} pinning commit${depth === 1 ? '' : 's'}`,
    );

    // A release already made from this base (by an earlier run, perhaps as someone else): reuse it.
    const existing = tryRevParse(cwd, `refs/tags/v${versionText}^{commit}`);
    const identity = releaseIdentity(cwd, base);
    const commits: string[] = [];
    let previous = base;
    for (let step = 1; step <= depth; step++) {
      // No `# vX.Y.Z` comment: `previous` is not the commit the tag will name (consumer-pins.ts).
      const changes: FileChange[] = pin(worktree, {
        repository: options.repository,
        ref: previous,
      });
      for (const change of changes)
        log(`  ${change.file}:${change.line} ${change.before} → ${change.after}`);
      if (changes.length > 0) git(worktree, ['add', '--', ...new Set(changes.map((c) => c.file))]);
      const message = `Release v${versionText}: self-references pinned to ${previous.slice(0, 12)} (${step}/${depth})\n\nEvery reference this repository makes to itself points at ${previous}, a commit holding the\nsame actions and workflows, so nothing reachable from v${versionText} runs at a branch.\n`;
      git(worktree, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message], identity);
      previous = git(worktree, ['rev-parse', 'HEAD']);
      commits.push(previous);
    }
    const unpinned = check(worktree, {
      repository: options.repository,
      ref: depth > 0 ? git(worktree, ['rev-parse', 'HEAD~1']) : base,
    });
    if (unpinned.length > 0)
      throw new Error(
        `release commit still has unpinned references: ${unpinned.map((u) => `${u.file}:${u.line}`).join(', ')}`,
      );

    let tagged = previous;
    if (existing && existing !== tagged && sameRelease(cwd, existing, tagged, depth, base)) {
      log(
        `v${versionText} already made from ${base.slice(0, 12)} as ${existing.slice(0, 12)}: reusing it`,
      );
      tagged = existing;
    }
    const tags = createTags({
      cwd,
      version: versionText,
      commit: tagged,
      push: options.push ?? false,
      remote: options.remote ?? 'origin',
      log,
    });
    return { base, commits, tags };
  } finally {
    try {
      git(cwd, ['worktree', 'remove', '--force', worktree]);
    } catch {
      rmSync(worktree, { recursive: true, force: true });
      git(cwd, ['worktree', 'prune']);
    }
  }
}

/** Same tree, made from the same base by the same number of pinning commits. */
function sameRelease(
  cwd: string,
  existing: string,
  made: string,
  depth: number,
  base: string,
): boolean {
  return (
    git(cwd, ['rev-parse', `${existing}^{tree}`]) === git(cwd, ['rev-parse', `${made}^{tree}`]) &&
    tryRevParse(cwd, depth === 0 ? existing : `${existing}~${depth}`) === base
  );
}
