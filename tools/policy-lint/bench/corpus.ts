// The real-world corpus (../shared/corpus/actionlint-realworld.zip beside the repository),
// unpacked once into a git-ignored folder laid out as a repository: .cache/corpus/.github/workflows/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY = join(import.meta.dirname, '..', '..', '..');
export const CORPUS_ZIP = join(REPOSITORY, '..', 'shared', 'corpus', 'actionlint-realworld.zip');
export const CORPUS_ROOT = join(REPOSITORY, '.cache', 'corpus');

/** Unpacks the corpus if needed; returns its root, or undefined when the zip is not there. */
export function ensureCorpus(): string | undefined {
  const workflows = join(CORPUS_ROOT, '.github', 'workflows');
  if (existsSync(workflows) && readdirSync(workflows).length > 0) return CORPUS_ROOT;
  if (!existsSync(CORPUS_ZIP)) return undefined;
  mkdirSync(workflows, { recursive: true });
  // Python's zipfile is on every machine this project runs on; no unzip binary is needed.
  execFileSync('python3', ['-m', 'zipfile', '-e', CORPUS_ZIP, workflows]);
  return CORPUS_ROOT;
}
