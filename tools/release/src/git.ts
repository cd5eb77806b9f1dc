import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

/** Runs git in `cwd` and returns its standard output without the final newline. */
export function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
      maxBuffer: 64 * 1024 * 1024,
    }).replace(/\n$/, '');
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** The object a ref names, or undefined when there is no such ref. */
export function tryRevParse(cwd: string, ref: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '-q', '--verify', ref]);
  } catch {
    return undefined;
  }
}

export function isAncestor(cwd: string, ancestor: string, descendant: string): boolean {
  try {
    git(cwd, ['merge-base', '--is-ancestor', ancestor, descendant]);
    return true;
  } catch {
    return false;
  }
}
