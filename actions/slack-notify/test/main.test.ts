// main() with the real @actions/core against a local webhook receiver: inputs in, the POSTed
// message, outputs, log and job summary read back.
import { join } from 'node:path';
import { actionDefaults, runAction, type ActionRun } from '@doppio-dev/action-testing';
import { afterEach, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { recordingSleep, startReceiver, type Receiver, type Reply } from './receiver.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const env = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_ACTOR: 'octocat',
  GITHUB_RUN_ID: '777',
  GITHUB_RUN_ATTEMPT: '1',
};
const jobs = JSON.stringify({
  'deploy-web': { result: 'success', outputs: {} },
  'deploy-api': { result: 'failure', outputs: {} },
});

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function notify(
  replies: readonly Reply[],
  inputs: Record<string, string> = {},
  sleep = recordingSleep(),
) {
  receiver = await startReceiver(replies);
  const result = await runAction(
    () => run({ sleep: sleep.sleep }),
    { ...defaults, 'webhook-url': receiver.url, conclusion: 'failure', jobs, ...inputs },
    env,
  );
  expectUrlNeverShown(result, receiver);
  return { ...result, requests: receiver.requests, delays: sleep.delays };
}

/** The URL reaches stdout only inside `::add-mask::`, which the runner consumes and never shows. */
function expectUrlNeverShown(result: ActionRun, { url, token }: Receiver): void {
  expect(result.log).toContain(`::add-mask::${url}`);
  const shown = result.log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  expect(shown).not.toContain(token);
  expect(result.summary).not.toContain(token);
  expect(JSON.stringify(result.outputs)).not.toContain(token);
}

it('delivers the message on 200', async () => {
  const result = await notify([{ status: 200, body: 'ok' }], { title: 'Production deploy' });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ delivered: 'true', status: '200', attempts: '1' });
  expect(result.requests).toHaveLength(1);
  const message = JSON.parse(result.requests[0]!.body) as { text: string; blocks: unknown[] };
  expect(message.text).toBe('❌ Production deploy: failure — acme/shop main @ 0123456 by octocat');
  expect(message.blocks).toEqual([
    {
      type: 'header',
      text: { type: 'plain_text', text: '❌ Production deploy: failure', emoji: true },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Repository*\n<https://github.com/acme/shop|acme/shop>' },
        { type: 'mrkdwn', text: '*Ref*\n`main`' },
        {
          type: 'mrkdwn',
          text: '*Commit*\n<https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567|0123456>',
        },
        { type: 'mrkdwn', text: '*Actor*\noctocat' },
      ],
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '✅ `deploy-web` success\n❌ `deploy-api` failure' },
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '<https://github.com/acme/shop/actions/runs/777|View run 777>' },
      ],
    },
  ]);
  expect(result.summary).toBe('');
});

it('accepts jobs as an array of {job, result}', async () => {
  const result = await notify([{ status: 200 }], {
    conclusion: 'cancelled',
    jobs: '[{"job":"deploy-web","result":"cancelled"}]',
  });
  expect(result.outputs['delivered']).toBe('true');
  expect(JSON.parse(result.requests[0]!.body).blocks[2]).toEqual({
    type: 'section',
    text: { type: 'mrkdwn', text: '⏹️ `deploy-web` cancelled' },
  });
});

it('500 twice then 200: delivered after 3 attempts, with backoff', async () => {
  const result = await notify([{ status: 500 }, { status: 500 }, { status: 200 }]);
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ delivered: 'true', status: '200', attempts: '3' });
  expect(result.delays).toEqual([1000, 2000]);
  expect(result.requests).toHaveLength(3);
  expect(result.log).not.toContain('::warning::');
});

it('always 500: not delivered, a warning and a summary line, the step does not fail', async () => {
  const result = await notify([{ status: 500, body: 'internal_error' }]);
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ delivered: 'false', status: '500', attempts: '4' });
  expect(result.requests).toHaveLength(4);
  expect(result.log).toContain(
    '::warning::Slack notification not delivered after 4 attempts: HTTP 500 Internal Server Error: internal_error',
  );
  expect(result.log).not.toContain('::error::');
  expect(result.summary).toBe(
    '> ⚠️ Slack notification not delivered after 4 attempts: HTTP 500 Internal Server Error: internal_error\n',
  );
});

it('always 500 with fail-on-error: the step fails, and the summary still says why', async () => {
  const result = await notify([{ status: 500, body: 'internal_error' }], {
    'fail-on-error': 'true',
    retries: '1',
  });
  expect(result.failed).toBe(true);
  expect(result.outputs).toEqual({ delivered: 'false', status: '500', attempts: '2' });
  expect(result.log).toContain(
    '::error::Slack notification not delivered after 2 attempts: HTTP 500 Internal Server Error: internal_error',
  );
  expect(result.log).not.toContain('::warning::');
  expect(result.summary).toContain('Slack notification not delivered after 2 attempts');
});

it('400: not retried', async () => {
  const result = await notify([{ status: 400, body: 'invalid_payload' }]);
  expect(result.requests).toHaveLength(1);
  expect(result.outputs).toEqual({ delivered: 'false', status: '400', attempts: '1' });
  expect(result.log).toContain(
    '::warning::Slack notification not delivered after 1 attempt: HTTP 400 Bad Request: invalid_payload',
  );
  expect(result.failed).toBe(false);
});

it('429 with Retry-After: 0 is retried (really waiting, through the default sleep)', async () => {
  receiver = await startReceiver([
    { status: 429, headers: { 'retry-after': '0' } },
    { status: 200 },
  ]);
  const result = await runAction(
    run,
    { ...defaults, 'webhook-url': receiver.url, conclusion: 'success', jobs },
    env,
  );
  expect(result.outputs).toEqual({ delivered: 'true', status: '200', attempts: '2' });
  expect(receiver.requests).toHaveLength(2);
  expectUrlNeverShown(result, receiver);
});

it('a receiver that never answers: times out, not delivered, no status', async () => {
  const result = await notify(['hang'], { 'timeout-seconds': '1', retries: '1' });
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ delivered: 'false', status: '', attempts: '2' });
  expect(result.requests).toHaveLength(2);
  expect(result.log).toContain(
    '::warning::Slack notification not delivered after 2 attempts: no answer within 1s (timed out)',
  );
  expect(result.summary).toContain('no answer within 1s (timed out)');
});

it("escapes the server's answer in the summary", async () => {
  const result = await notify([{ status: 403, body: '<img src=x>' }]);
  expect(result.summary).toContain('HTTP 403 Forbidden: &lt;img src=x&gt;');
});

it('fails the step on bad input, whatever fail-on-error says, without naming the URL', async () => {
  const bad = await notify([{ status: 200 }], { conclusion: 'skipped' });
  expect(bad.failed).toBe(true);
  expect(bad.log).toContain('::error::`conclusion` must be success, failure or cancelled');
  expect(bad.requests).toHaveLength(0);
  expect(bad.outputs).toEqual({});

  const noJobs = await notify([{ status: 200 }], { jobs: 'nope' });
  expect(noJobs.failed).toBe(true);
  expect(noJobs.log).toContain('::error::the `jobs` input is not JSON');
});

it('masks the webhook URL even when it is not a valid URL', async () => {
  const result = await runAction(
    run,
    {
      ...defaults,
      'webhook-url': 'hooks.slack.com/services/T/B/XsecretTOKEN',
      conclusion: 'success',
      jobs,
    },
    env,
  );
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::add-mask::hooks.slack.com/services/T/B/XsecretTOKEN');
  expect(result.log).toContain('::error::`webhook-url` is not a URL');
  expect(
    result.log
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
  ).not.toContain('XsecretTOKEN');
});
