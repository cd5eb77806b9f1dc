// The release job's push, under GitHub's rule: a push that adds commits changing files under
// .github/workflows/ needs a token with the `workflows` permission, which GITHUB_TOKEN never has
// and the release App's installation token has. The remote is a bare repository whose pre-receive
// hook applies that rule; the push step is the one release.yml holds, its `env:` evaluated as
// GitHub would against tokens that carry their permissions, its `run:` run with bash. Were the
// step to go back to GITHUB_TOKEN (or the App's token to lose `workflows`), the push is refused.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, IDENTITY, makeRepos, ROOT, sh, type Repos } from './support/repos.js';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  run?: string;
}
interface Job {
  steps: Step[];
}

const RELEASE_WORKFLOW = '.github/workflows/release.yml';
const workflow = (): { jobs: Record<string, Job> } =>
  parse(readFileSync(join(ROOT, RELEASE_WORKFLOW), 'utf8')) as { jobs: Record<string, Job> };

/** The job and the index of its step that pushes the release (`doppio-release release … --push`). */
function findPushStep(jobs: Record<string, Job>): { job: Job; index: number } {
  for (const job of Object.values(jobs)) {
    const index = job.steps.findIndex((step) =>
      /doppio-release release\b.*--push/.test(step.run ?? ''),
    );
    if (index !== -1) return { job, index };
  }
  throw new Error(`${RELEASE_WORKFLOW} has no step that runs \`doppio-release release … --push\``);
}

// A token here is a string naming what it may do; the hook reads `workflows:write` from it.
const GITHUB_TOKEN = 'GITHUB_TOKEN(contents:write)';
/** The permissions docs/releases.md gives the release App: what a token gets when a step asks for none. */
const APP_PERMISSIONS = ['contents:write', 'pull-requests:write', 'workflows:write'];

/** Evaluates every `${{ … }}` in a value, as GitHub does for `with:` and `env:`. */
function evaluate(text: string, context: data.Dictionary): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, source: string) => {
    const lexed = new Lexer(source).lex();
    const expression = new Parser(
      lexed.tokens,
      ['github', 'secrets', 'vars', 'needs', 'steps'],
      [],
    ).parse();
    return new Evaluator(expression, context).evaluate().coerceString();
  });
}

/** The context a step sees: GITHUB_TOKEN, the release App's credentials, the plan, and the tokens earlier steps made. */
function contextBefore(job: Job, index: number): data.Dictionary {
  const base = {
    github: { token: GITHUB_TOKEN, repository: 'doppio-dev/doppio' },
    secrets: { GITHUB_TOKEN, DOPPIO_RELEASE_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' },
    vars: { DOPPIO_RELEASE_APP_CLIENT_ID: 'Iv23test' },
    needs: { plan: { outputs: { version: '1.0.0', release: 'true' } } },
    steps: {} as Record<string, { outputs: { token: string } }>,
  };
  for (const step of job.steps.slice(0, index)) {
    if (!step.id || !step.uses?.startsWith('actions/create-github-app-token@')) continue;
    const context = JSON.parse(JSON.stringify(base), data.reviver) as data.Dictionary;
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([key, value]) => [
        key,
        evaluate(String(value), context),
      ]),
    );
    // The action fails without the App's identity and key.
    expect(inputs['client-id'] ?? inputs['app-id'], `step ${step.id}: client-id`).toBeTruthy();
    expect(inputs['private-key'], `step ${step.id}: private-key`).toBeTruthy();
    // Asked-for permissions narrow the token; without any it gets all the App's.
    const asked = Object.entries(inputs).flatMap(([key, value]) =>
      key.startsWith('permission-') ? [`${key.slice('permission-'.length)}:${value}`] : [],
    );
    base.steps[step.id] = {
      outputs: { token: `APP_TOKEN(${(asked.length > 0 ? asked : APP_PERMISSIONS).join(',')})` },
    };
  }
  return JSON.parse(JSON.stringify(base), data.reviver) as data.Dictionary;
}

const HOOK = `#!/usr/bin/env bash
# GitHub's rule: commits that change .github/workflows/ need a token with the workflows permission.
# The token is the one git presents: here, what \`gh auth setup-git\` recorded.
token=$(git config --global --get doppio-test.token || true)
[ -n "$token" ] || { echo "Invalid username or token: no credentials (gh auth setup-git)"; exit 1; }
while read -r old new ref; do
  case "$new" in *[!0]*) ;; *) continue ;; esac
  for commit in $(git rev-list "$new" --not --all); do
    for file in $(git diff-tree --no-commit-id --name-only -r --root "$commit" -- .github/workflows); do
      case "$token" in
        *workflows:write*) ;;
        *) echo "refusing to allow a GitHub App to create or update workflow \\\`$file\\\` without \\\`workflows\\\` permission ($ref)"; exit 1 ;;
      esac
    done
  done
done
`;

/** The GitHub CLI as far as the step uses it: `gh auth setup-git` makes git present $GH_TOKEN. */
const GH = `#!/usr/bin/env bash
if [ "$*" = "auth setup-git" ]; then
  [ -n "\${GH_TOKEN:-}" ] || { echo "gh: GH_TOKEN is empty" >&2; exit 4; }
  exec git config --global doppio-test.token "$GH_TOKEN"
fi
echo "gh (test stand-in): unexpected: gh $*" >&2
exit 1
`;

/** `pnpm exec doppio-release …`: this repository's doppio-release. */
const PNPM = `#!/usr/bin/env bash
[ "$1 $2" = "exec doppio-release" ] || { echo "pnpm (test stand-in): unexpected: pnpm $*" >&2; exit 1; }
shift 2
exec node "$DOPPIO_RELEASE_BIN" "$@"
`;

let repos: Repos;
let stubs: string;

beforeEach(() => {
  repos = makeRepos();
  writeFileSync(join(repos.origin, 'hooks', 'pre-receive'), HOOK);
  chmodSync(join(repos.origin, 'hooks', 'pre-receive'), 0o755);
  stubs = join(repos.scratch, 'bin');
  mkdirSync(stubs);
  for (const [name, text] of [
    ['gh', GH],
    ['pnpm', PNPM],
  ] as const) {
    writeFileSync(join(stubs, name), text);
    chmodSync(join(stubs, name), 0o755);
  }
});

afterEach(() => rmSync(repos.scratch, { recursive: true, force: true }));

/** Runs the push step of `jobs` in the clone, as the runner would; returns its exit code and output. */
function runPushStep(jobs: Record<string, Job>): { code: number; output: string } {
  const { job, index } = findPushStep(jobs);
  const step = job.steps[index]!;
  const context = contextBefore(job, index);
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(String(value), context)]),
  );
  const env = {
    ...process.env,
    ...IDENTITY,
    PATH: `${stubs}:${process.env['PATH']}`,
    GIT_CONFIG_GLOBAL: join(repos.scratch, 'gitconfig'),
    GITHUB_REPOSITORY: 'doppio-dev/doppio',
    DOPPIO_RELEASE_BIN: BIN,
    ...stepEnv,
  };
  try {
    const output = execFileSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!],
      { cwd: repos.clone, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

const remoteTags = (): string => sh(repos.origin, ['tag', '--list']);

describe(`${RELEASE_WORKFLOW}: the release push`, () => {
  it('goes through with the release App token the workflow passes', () => {
    const result = runPushStep(workflow().jobs);
    expect(result.output).not.toContain('refusing');
    expect(result.code).toBe(0);
    expect(remoteTags().split('\n')).toEqual(['v1', 'v1.0.0']);
    // The pushed release does change workflow files: the rule applied.
    const base = sh(repos.clone, ['rev-parse', 'HEAD']);
    expect(
      sh(repos.origin, ['diff', '--name-only', base, 'v1.0.0', '--', '.github/workflows']),
    ).not.toBe('');
  });

  it('is refused, as GitHub refuses it, with GITHUB_TOKEN (the check is real)', () => {
    const { jobs } = workflow();
    const { job, index } = findPushStep(jobs);
    job.steps[index]!.env!['GH_TOKEN'] = '${{ github.token }}';
    const result = runPushStep(jobs);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /refusing to allow a GitHub App to create or update workflow `\.github\/workflows\/[\w-]+\.yml` without `workflows` permission/,
    );
    expect(remoteTags()).toBe('');
  });

  it('is refused with an App token that was not given the workflows permission', () => {
    const { jobs } = workflow();
    const { job, index } = findPushStep(jobs);
    const tokenStep = job.steps
      .slice(0, index)
      .find((step) => step.uses?.startsWith('actions/create-github-app-token@'));
    expect(tokenStep?.with?.['permission-workflows']).toBe('write');
    delete tokenStep!.with!['permission-workflows'];
    const result = runPushStep(jobs);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('without `workflows` permission');
    expect(remoteTags()).toBe('');
  });
});
