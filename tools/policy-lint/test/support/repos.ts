// Temporary repositories for in-process lint runs, and the real inputs the mutations start from.
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { RepoFiles } from './arbitraries.js';

const REPOSITORY = join(import.meta.dirname, '..', '..', '..', '..');
export const FIXTURES = join(REPOSITORY, 'test', 'fixtures');
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
export function scratch(prefix: string): { readonly parent: string; repo(files: RepoFiles): string; workspace(): Workspace; remove(): void } {
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

/** Every file of a directory tree, root-relative with `/`, as bytes (expected.json left out:
 *  it is the test's, not the repository's). */
export function readTree(root: string): RepoFiles {
  const files: RepoFiles = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name !== 'expected.json') files[relative(root, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(root);
  return files;
}

/** The fixture repositories (test/fixtures/<rule>/<case>/) and the example service. */
export function seedRepositories(): { name: string; files: RepoFiles }[] {
  const seeds = readdirSync(FIXTURES).flatMap((rule) => readdirSync(join(FIXTURES, rule)).map((name) => ({ name: `${rule}/${name}`, files: readTree(join(FIXTURES, rule, name)) })));
  seeds.push({ name: 'example-service', files: readTree(EXAMPLE_SERVICE) });
  return seeds;
}

/** Files the linter reads (workflows, ecspresso files, scripts, Makefiles): the ones worth mutating. */
export function lintedFiles(files: RepoFiles): string[] {
  return Object.keys(files)
    .filter((p) => /\.(ya?ml|json|jsonnet|sh)$|(^|\/)Makefile$/.test(p) && !/(^|\/)\.?doppio\.yml$/.test(p))
    .sort();
}
