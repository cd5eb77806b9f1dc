// Which local folder replaces which remote action under act. doppio's own workflows and actions come
// from this working tree; a third-party action that needs GitHub or AWS is replaced by a small
// stand-in in test/e2e/stand-ins/<name>/ (each README says what it replaces and what it does not do).
// The refs are read from the workflows themselves, because act matches `owner/repo@ref` exactly: a
// pin that moves needs no change here, and an action without a stand-in is an error naming it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DOPPIO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const DOPPIO_REPOSITORY = 'doppio-dev/doppio';
const STAND_INS = join(import.meta.dirname, '..', 'stand-ins');
const CALLERS = join(import.meta.dirname, '..', 'callers');

/** Remote action (owner/repo) → stand-in folder name. */
export const STAND_IN_FOR: Readonly<Record<string, string>> = {
  'actions/checkout': 'checkout',
  'aws-actions/configure-aws-credentials': 'configure-aws-credentials',
  'aws-actions/amazon-ecr-login': 'amazon-ecr-login',
  'docker/setup-buildx-action': 'setup-buildx-action',
  'docker/build-push-action': 'build-push-action',
};

/** The reusable workflows the suite runs. */
export const REUSABLE_WORKFLOWS = [
  'build-push.yml',
  'deploy-ecspresso.yml',
  'rollback.yml',
  'notify-conclusion.yml',
];

/** Every remote `uses:` of the reusable workflows, doppio's actions and the callers, as `owner/repo@ref`. */
export function remoteUses(): Set<string> {
  const files = [
    ...REUSABLE_WORKFLOWS.map((name) => join(DOPPIO_ROOT, '.github', 'workflows', name)),
    ...readdirSync(join(DOPPIO_ROOT, 'actions')).map((name) =>
      join(DOPPIO_ROOT, 'actions', name, 'action.yml'),
    ),
    ...readdirSync(CALLERS).map((name) => join(CALLERS, name)),
  ];
  const found = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /^\s*(?:-\s+)?uses:\s*['"]?([\w.-]+\/[\w.-]+)(?:\/[^@\s'"]*)?@([^\s'"#]+)/gm,
    )) {
      found.add(`${match[1]}@${match[2]}`);
    }
  }
  return found;
}

/** The files of this working tree that git would commit (tracked or new, not ignored), copied to
 *  `dir`: what doppio-dev/doppio@main holds for act, without node_modules, which act would otherwise
 *  archive for every action it reads. */
export function exportWorkingTree(dir: string): string {
  const files = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: DOPPIO_ROOT, encoding: 'utf8' },
  )
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(DOPPIO_ROOT, file), join(dir, file));
    } catch (error) {
      // A tracked file deleted in the working tree is not part of it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return dir;
}

/** act's `--local-repository` arguments: doppio from `doppioTree` (see exportWorkingTree), every
 *  third-party action from its stand-in. */
export function localRepositories(doppioTree: string): string[] {
  const mapped = [`${DOPPIO_REPOSITORY}@main=${doppioTree}`];
  for (const use of remoteUses()) {
    const [repository] = use.split('@') as [string];
    if (repository === DOPPIO_REPOSITORY) continue;
    const standIn = STAND_IN_FOR[repository];
    if (!standIn)
      throw new Error(
        `${use} has no stand-in: add test/e2e/stand-ins/<name>/ and list it in STAND_IN_FOR (test/e2e/harness/stand-ins.ts)`,
      );
    mapped.push(`${use}=${join(STAND_INS, standIn)}`);
  }
  return mapped;
}
