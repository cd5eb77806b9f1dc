// Temporary repositories for in-process lint runs, and the real inputs the mutations start from.
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RepoFiles } from './arbitraries.js';
import { caseFiles, readTree, ruleCases } from './cases.js';

const REPOSITORY = join(import.meta.dirname, '..', '..', '..', '..');
export const EXAMPLE_SERVICE = join(REPOSITORY, 'workflows', 'example-service');

/** Where scratch repositories go: memory-backed /dev/shm when there is one, since on some disks
 *  each small write costs milliseconds and thousands of runs write tens of thousands of files. */
function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** A parent folder for one test file's repositories; `remove()` deletes them all. */
export function scratch(prefix: string): {
  readonly parent: string;
  repo(files: RepoFiles): string;
  workspace(): Workspace;
  remove(): void;
} {
  const parent = mkdtempSync(join(scratchBase(), `doppio-${prefix}-`));
  let n = 0;
  return {
    parent,
    repo(files) {
      const root = join(parent, String(n++));
      mkdirSync(root);
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
      }
      return root;
    },
    workspace: () => new Workspace(join(parent, String(n++))),
    remove: () => rmSync(parent, { recursive: true, force: true }),
  };
}

/**
 * One directory that holds one repository at a time, for thousands of runs: `write` removes the
 * previous run's files and writes the next, keeping directories (creating and removing a fresh tree
 * per run costs more than linting it). Empty directories left behind are harmless to the linter.
 */
export class Workspace {
  private previous: string[] = [];
  private readonly directories = new Set<string>();

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  write(files: RepoFiles): string {
    for (const path of this.previous) rmSync(join(this.root, path), { force: true });
    this.previous = Object.keys(files);
    for (const [path, content] of Object.entries(files)) {
      const directory = dirname(join(this.root, path));
      if (!this.directories.has(directory)) {
        mkdirSync(directory, { recursive: true });
        this.directories.add(directory);
      }
      writeFileSync(join(this.root, path), content);
    }
    return this.root;
  }
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** The repositories of the rule cases (test/rules/<rule>/<case>/) and the example service. */
export function seedRepositories(): { name: string; files: RepoFiles }[] {
  const seeds = ruleCases().map((ruleCase) => ({
    name: `${ruleCase.rule}/${ruleCase.name}`,
    files: caseFiles(ruleCase),
  }));
  seeds.push({ name: 'example-service', files: readTree(EXAMPLE_SERVICE) });
  return seeds;
}

/** Files the linter reads (workflows, ecspresso files, scripts, Makefiles): the ones worth mutating. */
export function lintedFiles(files: RepoFiles): string[] {
  return Object.keys(files)
    .filter(
      (p) =>
        /\.(ya?ml|json|jsonnet|sh)$|(^|\/)Makefile$/.test(p) && !/(^|\/)\.?doppio\.yml$/.test(p),
    )
    .sort();
}
