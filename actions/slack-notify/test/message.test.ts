import { describe, expect, it } from 'vitest';
import { readRunContext } from '../src/context.js';
import type { DeployRecord } from '@doppio-dev/action-kit';
import { deployRecord } from '@doppio-dev/action-testing';
import { buildMessage, escapeText, lineSections, reportLines } from '../src/message.js';

const context = readRunContext({
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REF_NAME: 'v1.4.0',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_ACTOR: 'octocat',
  GITHUB_RUN_ID: '987654',
  GITHUB_RUN_ATTEMPT: '1',
});

describe('buildMessage', () => {
  it('gives the exact Block Kit message for a fixed context', () => {
    const message = buildMessage({
      context,
      conclusion: 'failure',
      title: 'Production deploy',
      jobs: [
        { job: 'deploy-web', result: 'success' },
        { job: 'deploy-api', result: 'failure' },
        { job: 'deploy-worker', result: 'cancelled' },
        { job: 'migrate', result: 'skipped' },
      ],
    });
    expect(message).toEqual({
      text: '❌ Production deploy: failure — acme/shop v1.4.0 @ 0123456 by octocat',
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: '❌ Production deploy: failure', emoji: true },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Repository*\n<https://github.com/acme/shop|acme/shop>' },
            { type: 'mrkdwn', text: '*Ref*\n`v1.4.0`' },
            {
              type: 'mrkdwn',
              text: '*Commit*\n<https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567|0123456>',
            },
            { type: 'mrkdwn', text: '*Actor*\noctocat' },
          ],
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '✅ `deploy-web` success\n❌ `deploy-api` failure\n⏹️ `deploy-worker` cancelled\n⏭️ `migrate` skipped',
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: '<https://github.com/acme/shop/actions/runs/987654|View run 987654>',
            },
          ],
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it("titles a message with the repository by default and shows each conclusion's icon", () => {
    const header = (conclusion: 'success' | 'failure' | 'cancelled'): unknown =>
      buildMessage({ context, conclusion, jobs: [] }).blocks[0];
    expect(header('success')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ acme/shop: success', emoji: true },
    });
    expect(header('cancelled')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '⏹️ acme/shop: cancelled', emoji: true },
    });
    expect(buildMessage({ context, conclusion: 'success', jobs: [] }).text).toBe(
      '✅ acme/shop: success — v1.4.0 @ 0123456 by octocat',
    );
  });

  it('links a re-run to its own attempt', () => {
    const rerun = readRunContext({
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REF_NAME: 'main',
      GITHUB_SHA: 'abcdef0123',
      GITHUB_ACTOR: 'a',
      GITHUB_RUN_ID: '5',
      GITHUB_RUN_ATTEMPT: '3',
    });
    expect(buildMessage({ context: rerun, conclusion: 'success', jobs: [] }).blocks.at(-1)).toEqual(
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '<https://github.com/acme/shop/actions/runs/5/attempts/3|View run 5 (attempt 3)>',
          },
        ],
      },
    );
  });

  it('says so when no job was listed', () => {
    expect(buildMessage({ context, conclusion: 'success', jobs: [] }).blocks[2]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '_No jobs were listed._' },
    });
  });

  it('escapes Slack control characters in names that come from the run', () => {
    const odd = { ...context, ref: 'feature/<a>&b', actor: 'bot<x>' };
    const message = buildMessage({
      context: odd,
      conclusion: 'success',
      title: 'A & B',
      jobs: [{ job: 'x<y>', result: 'success' }],
    });
    expect(message.text).toBe(
      '✅ A &amp; B: success — acme/shop feature/&lt;a&gt;&amp;b @ 0123456 by bot&lt;x&gt;',
    );
    expect(JSON.stringify(message.blocks)).not.toMatch(/<a>|<x>|x<y>/);
    expect(escapeText('<&>')).toBe('&lt;&amp;&gt;');
  });

  it("keeps the header within Slack's 150 characters without splitting an emoji", () => {
    const text = (
      buildMessage({ context, conclusion: 'success', title: '🚀'.repeat(200), jobs: [] })
        .blocks[0] as { text: { text: string } }
    ).text.text;
    expect([...text]).toHaveLength(150);
    expect(text.endsWith('🚀…')).toBe(true);
  });
});

describe('reportLines', () => {
  const record = (service: string, result: DeployRecord['result'], outcome: string): DeployRecord =>
    deployRecord(service, {
      environment: 'production',
      config: `.ecspresso/production/${service}.yaml`,
      cluster: 'prod',
      result,
      outcome,
      before: `arn:aws:ecs:ap-northeast-1:1:task-definition/shop-prod-${service}:4`,
      after: `arn:aws:ecs:ap-northeast-1:1:task-definition/shop-prod-${service}:5`,
      digests: [`sha256:${'c'.repeat(64)}`],
    });

  it('names every service of a matrix job, then the jobs, saying which left no record', () => {
    const jobs = [
      { job: 'deploy', result: 'failure' as const },
      { job: 'migrate', result: 'skipped' as const },
    ];
    expect(
      reportLines(jobs, [record('api', 'success', 'deployed'), record('web', 'failure', 'failed')]),
    ).toEqual([
      '*Services*',
      '✅ `api` (production, cluster `prod`): deployed `shop-prod-api:4` → `shop-prod-api:5` (sha256:cccccccccccc)',
      '❌ `web` (production, cluster `prod`): failed `shop-prod-web:4` → `shop-prod-web:5` (sha256:cccccccccccc)',
      '*Jobs*',
      '❌ `deploy` failure',
      '⏭️ `migrate` skipped — left no record: it did not run',
    ]);
  });

  it('is a line per job without records, as before', () => {
    expect(reportLines([{ job: 'migrate', result: 'skipped' }])).toEqual(['⏭️ `migrate` skipped']);
    expect(reportLines([])).toEqual(['_No jobs were listed._']);
  });

  it('goes into the message between the run facts and the link', () => {
    const message = buildMessage({
      context,
      conclusion: 'success',
      jobs: [{ job: 'deploy', result: 'success' }],
      records: [record('web', 'success', 'deployed')],
    });
    expect(message.blocks[2]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*Services*\n✅ `web` (production, cluster `prod`): deployed `shop-prod-web:4` → `shop-prod-web:5` (sha256:cccccccccccc)\n*Jobs*\n✅ `deploy` success',
      },
    });
  });
});

describe('lineSections', () => {
  it('splits long lists into sections of at most 3000 characters, in order', () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => `✅ \`deploy-service-number-${i}\` success`,
    );
    const sections = lineSections(lines);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.join('\n').split('\n')).toEqual(lines);
  });

  it("stops at Slack's block limit and counts the rest", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `❌ j${i}-${'x'.repeat(90)}`);
    const sections = lineSections(lines);
    expect(sections).toHaveLength(47);
    const listed = sections
      .join('\n')
      .split('\n')
      .filter((line: string) => line.startsWith('❌')).length;
    expect(sections.at(-1)).toMatch(new RegExp(`…and ${2000 - listed} more lines: see the run$`));
  });
});
