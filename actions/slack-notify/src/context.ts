// Where and by whom the run happened, from the variables every GitHub Actions step gets. Inside a
// reusable workflow these describe the caller's run, which is what the message is about.

export interface RunContext {
  readonly repository: string;
  readonly repositoryUrl: string;
  readonly ref: string;
  readonly sha: string;
  readonly shortSha: string;
  readonly commitUrl: string;
  readonly actor: string;
  readonly runId: string;
  readonly runAttempt: number;
  readonly runUrl: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(
      `${name} is not set: this action reads the run's context from the variables GitHub Actions sets for every step`,
    );
  return value;
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const repository = required(env, 'GITHUB_REPOSITORY');
  const sha = required(env, 'GITHUB_SHA');
  const runId = required(env, 'GITHUB_RUN_ID');
  const runAttempt = Number.parseInt(env['GITHUB_RUN_ATTEMPT'] ?? '', 10) || 1;
  const repositoryUrl = `${server}/${repository}`;
  // The plain run link opens the latest attempt; a re-run's message must point at its own attempt.
  const runUrl =
    runAttempt > 1
      ? `${repositoryUrl}/actions/runs/${runId}/attempts/${runAttempt}`
      : `${repositoryUrl}/actions/runs/${runId}`;
  return {
    repository,
    repositoryUrl,
    ref: required(env, 'GITHUB_REF_NAME'),
    sha,
    shortSha: sha.slice(0, 7),
    commitUrl: `${repositoryUrl}/commit/${sha}`,
    actor: required(env, 'GITHUB_ACTOR'),
    runId,
    runAttempt,
    runUrl,
  };
}
