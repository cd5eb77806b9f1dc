import { expect, it } from 'vitest';
import { readRunContext } from '../src/context.js';

const env = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: 'fedcba9876543210fedcba9876543210fedcba98',
  GITHUB_ACTOR: 'octocat',
  GITHUB_RUN_ID: '42',
};

it('builds the links from the GitHub variables, on GitHub Enterprise too', () => {
  expect(
    readRunContext({
      ...env,
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_RUN_ATTEMPT: '1',
    }),
  ).toEqual({
    repository: 'acme/shop',
    repositoryUrl: 'https://ghe.example.com/acme/shop',
    ref: 'main',
    sha: 'fedcba9876543210fedcba9876543210fedcba98',
    shortSha: 'fedcba9',
    commitUrl: 'https://ghe.example.com/acme/shop/commit/fedcba9876543210fedcba9876543210fedcba98',
    actor: 'octocat',
    runId: '42',
    runAttempt: 1,
    runUrl: 'https://ghe.example.com/acme/shop/actions/runs/42',
  });
});

it('defaults to github.com and the first attempt', () => {
  const context = readRunContext(env);
  expect(context.runUrl).toBe('https://github.com/acme/shop/actions/runs/42');
  expect(context.runAttempt).toBe(1);
});

it('names the variable that is missing', () => {
  expect(() => readRunContext({ ...env, GITHUB_SHA: '' })).toThrow('GITHUB_SHA is not set');
  expect(() => readRunContext({ ...env, GITHUB_ACTOR: undefined })).toThrow(
    'GITHUB_ACTOR is not set',
  );
});
