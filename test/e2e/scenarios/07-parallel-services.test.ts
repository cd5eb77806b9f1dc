// Scenario 7: three services deploy in parallel (one matrix job), then notify-conclusion sends one
// Slack message with one conclusion; one service failing fails the conclusion while the others
// still deploy; a Slack outage is reported in the log and the job summary.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEcspresso, ecspresso } from '../harness/scenario.js';
import { World } from '../harness/world.js';

const SERVICES = ['web', 'worker', 'api'];
const td = (service: string, revision: number): string =>
  `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/${service}-staging:${revision}`;
const text = (payload: unknown): string => JSON.stringify(payload);

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
