// Scenario 7: three services deploy in parallel (one matrix job), then notify-conclusion sends one
// Slack message with one conclusion and one line per service (from the deploy records the legs
// leave as artifacts of the run); one service failing fails the conclusion while the others still
// deploy; a Slack outage is reported in the log and the job summary.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const SERVICES = ['web', 'worker', 'api'];
const td = (service: string, revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/${service}-staging:${revision}`;
const text = (payload: unknown): string => JSON.stringify(payload);
/** The mrkdwn lines of a message's sections. */
const lines = (payload: unknown): string[] =>
  (payload as { blocks: { type: string; text?: { text: string } }[] }).blocks.flatMap((b) =>
    b.type === 'section' && b.text ? b.text.text.split('\n') : [],
  );
const summaryOf = (run: { summaries: readonly { job: string; content: string }[] }): string =>
  run.summaries
    .filter((s) => s.job.startsWith('notify/'))
    .map((s) => s.content)
    .join('\n');

describeWithEcspresso('scenario 7: three services in parallel, one notification', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start({ ecspresso, services: SERVICES, environments: ['staging'] });
  });
  afterAll(() => world?.stop());

  it('deploys all three and sends exactly one message with one conclusion', async () => {
    const run = await world.run('staging.yml');
    expect(run.needs['deploy']?.result).toBe('success');
    for (const service of SERVICES)
      expect((await world.service('staging', service)).taskDefinition).toBe(td(service, 2));
    expect(world.slack.payloads).toHaveLength(1);
    expect(text(world.slack.payloads[0])).toContain('success');
    expect(run.needs['notify']?.outputs).toMatchObject({
      conclusion: 'success',
      'slack-delivered': 'true',
    });
    // One line per service of the matrix job, in a stable order, then the jobs.
    const message = lines(world.slack.payloads[0]);
    expect(message.slice(0, 4)).toEqual([
      '*Services*',
      expect.stringMatching(
        /^✅ `api` \(staging, cluster `staging`\): deployed `api-staging:1` → `api-staging:2` \(sha256:[0-9a-f]{12}\)$/,
      ),
      expect.stringMatching(
        /^✅ `web` \(staging, cluster `staging`\): deployed `web-staging:1` → `web-staging:2` \(sha256:[0-9a-f]{12}\)$/,
      ),
      expect.stringMatching(
        /^✅ `worker` \(staging, cluster `staging`\): deployed `worker-staging:1` → `worker-staging:2` \(sha256:[0-9a-f]{12}\)$/,
      ),
    ]);
    expect(message.slice(4)).toEqual(['*Jobs*', '✅ `build` success', '✅ `deploy` success']);
    const summary = summaryOf(run);
    for (const service of SERVICES) {
      expect(summary).toContain(`\`${service}\`](`);
      expect(summary).toContain(
        `| \`staging\` | ✅ deployed | \`${service}-staging:1\` → \`${service}-staging:2\` | \`sha256:`,
      );
    }
    expect(summary).toContain('```mermaid');
  });

  it('with one deploy failing, the conclusion is failure and the other services still deploy', async () => {
    world.repo.release('release 2, worker broken', [{ environment: 'staging', service: 'worker' }]);
    const run = await world.run('staging.yml');
    expect(run.needs['deploy']?.result).toBe('failure');
    expect((await world.service('staging', 'web')).taskDefinition).toBe(td('web', 3));
    expect((await world.service('staging', 'api')).taskDefinition).toBe(td('api', 3));
    expect((await world.service('staging', 'worker')).taskDefinition).toBe(td('worker', 2));
    expect(world.slack.payloads).toHaveLength(2);
    expect(text(world.slack.payloads[1])).toContain('failure');
    // The matrix job failed as one; the message says which service, and what became of it.
    const message = lines(world.slack.payloads[1]);
    expect(message).toContainEqual(
      expect.stringMatching(
        /^✅ `api` \(staging, cluster `staging`\): deployed `api-staging:2` → `api-staging:3`/,
      ),
    );
    expect(message).toContainEqual(
      expect.stringMatching(
        /^✅ `web` \(staging, cluster `staging`\): deployed `web-staging:2` → `web-staging:3`/,
      ),
    );
    expect(message).toContainEqual(
      expect.stringMatching(
        /^❌ `worker` \(staging, cluster `staging`\): failed on `worker-staging:2` .*; deregistered `worker-staging:3`$/,
      ),
    );
    expect(message).toContain('❌ `deploy` failure');
    const summary = summaryOf(run);
    expect(summary).toMatch(
      /\| ❌ failed \| `worker-staging:2` \(deregistered `worker-staging:3`\) \|/,
    );
    expect(summary).toContain('service2["❌ worker<br/>worker-staging:2"]:::failure');
    // The notify job fails on a failure conclusion (fail-on-failure), so act stopped there: its
    // steps' outputs say what it concluded and delivered.
    expect(run.needs['notify']?.result).toBe('failure');
    const notified = Object.fromEntries(
      run.outputs.filter((o) => o.job.startsWith('notify/')).map((o) => [o.name, o.value]),
    );
    expect(notified).toMatchObject({
      conclusion: 'failure',
      'failed-jobs': '["deploy"]',
      delivered: 'true',
    });
  });

  it('when Slack answers 500, the outage is in the log and the job summary', async () => {
    world.slack.answerWith(500);
    world.repo.release('release 3');
    const run = await world.run('staging.yml');
    expect(run.needs['deploy']?.result).toBe('success');
    expect(run.needs['notify']?.outputs).toMatchObject({
      conclusion: 'success',
      'slack-delivered': 'false',
    });
    expect(run.log).toContain('Slack notification not delivered after 4 attempts: HTTP 500');
    expect(run.summaries.map((s) => s.content).join('\n')).toContain(
      '⚠️ Slack notification not delivered after 4 attempts: HTTP 500',
    );
  });
});
