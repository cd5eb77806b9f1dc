// `doppio-release pin`: every reference this repository makes to itself, in the files git tracks,
// rewritten to (or checked against) `<repository>/<path>@<ref>`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git.js';
import { isFullSha } from '@doppio-dev/shared';
import {
  countedNames,
  describe,
  findReferences,
  pinEdits,
  rewrite,
  type Change,
  type PinTarget,
  type SelfReference,
} from './refs.js';
import { RefusedError, releaseCommit } from './tags.js';

/**
 * Tracked files that may reference this repository but are not references to follow:
 * - `tools/policy-lint/test/{rules,bases}/`: the linter's test repositories, whose refs (branches,
 *   tags, made-up SHAs) are the data under test;
 * - `docs/rules/`: rule pages showing which ref forms the linter accepts and rejects;
 * - changelogs and pending changesets: history, written once;
 * - pnpm-lock.yaml: generated.
 */
const EXCLUDED = [
  /(^|\/)pnpm-lock\.yaml$/,
  /^tools\/policy-lint\/test\/(rules|bases)\//,
  /^docs\/rules\//,
  /(^|\/)CHANGELOG\.md$/,
  /^\.changeset\//,
  /(^|\/)node_modules\//,
];

/** The files `pin` reads: tracked YAML and Markdown files outside the exclusions. */
export function candidateFiles(root: string): string[] {
  const tracked = git(root, ['ls-files', '-z', '--', '*.yml', '*.yaml', '*.md'])
    .split('\0')
    .filter(Boolean);
  return tracked.filter((file) => !EXCLUDED.some((pattern) => pattern.test(file))).sort();
}

export interface FileReferences {
  file: string;
  text: string;
  references: SelfReference[];
}

/** Every self-reference under the canonical name or `repository`, file by file. */
export function scan(root: string, repository: string): FileReferences[] {
  const names = countedNames(repository);
  const result: FileReferences[] = [];
  for (const file of candidateFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    let references: SelfReference[];
    try {
      references = findReferences(file, text, names);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    if (references.length > 0) result.push({ file, text, references });
  }
  return result;
}

export interface FileChange extends Change {
  file: string;
}

/**
 * Refuses a version comment `# v<version>` on a pin to a commit the tag does not name: a reader,
 * zizmor and Renovate all take the comment to mean exactly that commit.
 */
export function assertVersionNamesRef(root: string, target: PinTarget): void {
  if (target.version === undefined || !isFullSha(target.ref)) return;
  const commit = releaseCommit(root, target.version);
  if (commit === target.ref) return;
  throw new RefusedError(
    `v${target.version} ${commit ? `names ${commit}` : 'is not a tag here'}, not ${target.ref}: a \`# v${target.version}\` comment must name the commit its tag points to (fetch the tags, or pin without --version)`,
  );
}

/** Rewrites the references in place; returns what changed. */
export function pin(root: string, target: PinTarget): FileChange[] {
  assertVersionNamesRef(root, target);
  const changes: FileChange[] = [];
  for (const { file, text, references } of scan(root, target.repository)) {
    const result = rewrite(text, references, target);
    if (result.changes.length === 0) continue;
    writeFileSync(join(root, file), result.text);
    changes.push(...result.changes.map((change) => ({ file, ...change })));
  }
  return changes;
}

export interface Unpinned {
  file: string;
  line: number;
  current: string;
  wanted: string;
}

/** The references not pinned to `target` (with its version comment when one is asked for). */
export function check(root: string, target: PinTarget): Unpinned[] {
  assertVersionNamesRef(root, target);
  const unpinned: Unpinned[] = [];
  for (const { file, text, references } of scan(root, target.repository)) {
    for (const reference of references) {
      if (pinEdits(text, reference, target).length === 0) continue;
      const wanted = rewrite(text, [reference], target).changes[0]!.after;
      unpinned.push({ file, line: reference.line, current: describe(text, reference), wanted });
    }
  }
  return unpinned;
}

/** The file a reference's path names in this repository. */
export function targetFile(path: string): string {
  return path.startsWith('actions/') ? `${path}/action.yml` : path;
}

/**
 * The longest chain of self-references starting at any file (a reusable workflow calling an action
 * is 1; a caller calling that workflow is 2). A release needs that many pinning commits so that
 * no chain followed from the tagged commit ever reaches an unpinned ref.
 */
export function referenceDepth(files: FileReferences[]): number {
  const edges = new Map<string, string[]>();
  for (const { file, references } of files) {
    const targets = references.map((r) => targetFile(r.path));
    edges.set(file, targets);
    // An action may be named action.yaml; both spellings lead to the same node.
    if (file.endsWith('/action.yaml')) edges.set(file.replace(/\.yaml$/, '.yml'), targets);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (file: string): number => {
    const known = depth.get(file);
    if (known !== undefined) return known;
    if (visiting.has(file)) throw new Error(`self-references form a cycle through ${file}`);
    const targets = edges.get(file) ?? [];
    visiting.add(file);
    const value = targets.length === 0 ? 0 : 1 + Math.max(...targets.map(walk));
    visiting.delete(file);
    depth.set(file, value);
    return value;
  };
  return Math.max(0, ...[...edges.keys()].map(walk));
}
