// The one network use of doppio-lint: with --fix, pinned-actions asks the GitHub REST API which
// commit a tag or branch points to (`GET /repos/{owner}/{repo}/commits/{ref}` with the `sha` media
// type, which answers with the bare 40-hex SHA). Each owner/repo@ref is asked once. Once the API
// is out of reach, over its rate limit or refuses the token, later refs are not asked at all: they
// would fail the same way, each after its own wait.
import { isFullSha } from '@doppio-dev/shared';
import type { FixLookups } from '../model/types.js';

export interface GithubOptions {
  /** Per request; a hung proxy must not hang the linter. */
  readonly timeoutMs?: number;
}

type Answer = { readonly sha: string } | { readonly error: string };

export function githubLookups(env: NodeJS.ProcessEnv, options: GithubOptions = {}): FixLookups {
  const api = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
  const token = env['GITHUB_TOKEN'] || env['GH_TOKEN'] || undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const answers = new Map<string, Promise<Answer>>();
  let stop: string | undefined;

  const ask = async (repository: string, ref: string): Promise<Answer> => {
    if (stop !== undefined) return { error: stop };
    const url = `${api}/repos/${repository.split('/').map(encodeURIComponent).join('/')}/commits/${ref.split('/').map(encodeURIComponent).join('/')}`;
    const headers: Record<string, string> = {
      accept: 'application/vnd.github.sha',
      'user-agent': 'doppio-lint',
      'x-github-api-version': '2022-11-28',
    };
    if (token) headers['authorization'] = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      stop = unreachable(api, error, timeoutMs);
      return { error: stop };
    }
    const body = (await response.text().catch(() => '')).trim();
    if (response.ok) {
      return isFullSha(body)
        ? { sha: body }
        : { error: `the GitHub API at ${api} answered with something that is not a commit SHA` };
    }
    const status = response.status;
    const remaining = response.headers.get('x-ratelimit-remaining');
    if (
      (status === 403 || status === 429) &&
      (remaining === '0' || response.headers.has('retry-after') || /rate limit/i.test(body))
    ) {
      stop = `GitHub API rate limit exceeded${resetTime(response.headers.get('x-ratelimit-reset'))}; ${token ? 'wait and run --fix again' : 'set GITHUB_TOKEN (or GH_TOKEN)'}`;
      return { error: stop };
    }
    if (status === 401) {
      stop = token
        ? 'the GitHub API refused the token (401 Unauthorized); check GITHUB_TOKEN / GH_TOKEN'
        : 'the GitHub API asks for authentication (401 Unauthorized); set GITHUB_TOKEN (or GH_TOKEN)';
      return { error: stop };
    }
    if (status === 404 || status === 422) {
      return {
        error: `GitHub knows no branch, tag or commit \`${ref}\` in ${repository}${token ? '' : ' (for a private repository, set GITHUB_TOKEN)'}`,
      };
    }
    return {
      error: `the GitHub API answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`,
    };
  };

  return {
    commitSha(repository: string, ref: string): Promise<Answer> {
      // Owners and repositories are case-insensitive on GitHub; refs are not.
      const key = `${repository.toLowerCase()}@${ref}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = ask(repository, ref);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

function unreachable(api: string, error: unknown, timeoutMs: number): string {
  const e = error as {
    name?: string;
    cause?: { code?: string; message?: string };
    message?: string;
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return `the GitHub API at ${api} did not answer within ${timeoutMs / 1000} s`;
  // fetch wraps the network error: its cause says what happened (ECONNREFUSED, ENOTFOUND, …).
  const code = e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error';
  return `the GitHub API at ${api} could not be reached (${code}); are you offline?`;
}

function resetTime(header: string | null): string {
  const seconds = Number(header);
  if (!header || !Number.isFinite(seconds) || seconds <= 0) return '';
  return ` until ${new Date(seconds * 1000).toISOString().slice(11, 16)} UTC`;
}
