import type { DeployRecord } from '@doppio-dev/action-kit';
import { deployRecord } from '@doppio-dev/action-testing';
import { describe, expect, it } from 'vitest';
import { aggregate, CANCELLED_NOTE, parseNeeds } from '../src/conclusion.js';
import { releaseSummary } from '../src/release-summary.js';

const needs = (results: Record<string, string>): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(results).map(([job, result]) => [job, { result, outputs: {} }]),
    ),
  );
const TD = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition';
const record = (service: string, changes: Partial<DeployRecord> = {}): DeployRecord =>
  deployRecord(service, {
    before: `${TD}/${service}-staging:1`,
    after: `${TD}/${service}-staging:2`,
    digests: [`sha256:${'0f'.repeat(32)}`],
    url: `https://github.com/example/service/actions/runs/7/job/${service.length}`,
    ...changes,
  });

describe('releaseSummary', () => {
  it('without records: the conclusion, a diagram of the jobs and their table', () => {
    expect(
      releaseSummary(
        aggregate(parseNeeds(needs({ web: 'success', 'api|v2': 'failure' })), false),
        [],
      ),
    ).toBe(
      [
        '**Conclusion: failure**',
        '',
        '```mermaid',
        'flowchart LR',
        '  classDef success fill:#dafbe1,stroke:#1a7f37',
        '  classDef failure fill:#ffebe9,stroke:#cf222e',
        '  classDef cancelled fill:#eaeef2,stroke:#57606a',
        '  classDef skipped fill:#fff8c5,stroke:#9a6700',
        '  conclusion(("❌ failure")):::failure',
        '  job0["✅ web"]:::success --> conclusion',
        '  job1["❌ api|v2"]:::failure --> conclusion',
        '```',
        '',
        '| job | result |',
        '| --- | --- |',
        '| `web` | ✅ success |',
        '| `api\\|v2` | ❌ failure |',
        '',
      ].join('\n'),
    );
  });

  it('with the records of a matrix job: one row per service, each in its environment in the diagram; a job that left none says so', () => {
    const records = [
      record('api'),
      record('worker', {
        result: 'failure',
        outcome: 'failed',
        after: `${TD}/worker-staging:1`,
        deregistered: [`${TD}/worker-staging:2`],
      }),
      record('web', {
        environment: 'production',
        cluster: 'production',
        config: '.ecspresso/production/web.yaml',
        url: '',
      }),
    ];
    const text = releaseSummary(
      aggregate(
        parseNeeds(needs({ build: 'success', deploy: 'failure', smoke: 'skipped' })),
        false,
      ),
      records,
    );
    expect(text.split('\n').slice(0, 7)).toEqual([
      '**Conclusion: failure**',
      '',
      '| service | environment | result | revision before → after | image digest |',
      '| --- | --- | --- | --- | --- |',
      '| [`api`](https://github.com/example/service/actions/runs/7/job/3) | `staging` | ✅ deployed | `api-staging:1` → `api-staging:2` | `sha256:0f0f0f0f0f0f` |',
      '| [`worker`](https://github.com/example/service/actions/runs/7/job/6) | `staging` | ❌ failed | `worker-staging:1` (deregistered `worker-staging:2`) | `sha256:0f0f0f0f0f0f` |',
      '| `web` | `production` | ✅ deployed | `web-staging:1` → `web-staging:2` | `sha256:0f0f0f0f0f0f` |',
    ]);
    expect(text).toContain(
      '  subgraph env0 ["staging"]\n    service0["✅ api<br/>api-staging:2"]:::success',
    );
    expect(text).toContain('    service1["❌ worker<br/>worker-staging:1"]:::failure');
    expect(text).toContain(
      '  subgraph env1 ["production"]\n    service2["✅ web<br/>web-staging:2"]:::success\n  end',
    );
    expect(text).toContain('| `smoke` | ⏭️ skipped — left no record: it did not run |');
    expect(text).toContain('| `deploy` | ❌ failure |\n');
  });

  it('says why a job may have been cancelled without anyone cancelling it', () => {
    const text = releaseSummary(aggregate(parseNeeds(needs({ rollback: 'cancelled' })), false), []);
    expect(text.endsWith(`| \`rollback\` | ⏹️ cancelled |\n\n${CANCELLED_NOTE}\n`)).toBe(true);
    expect(CANCELLED_NOTE).toContain('one pending job per concurrency group');
    expect(
      releaseSummary(aggregate(parseNeeds(needs({ web: 'success' })), false), []),
    ).not.toContain(CANCELLED_NOTE);
  });

  it('keeps quotes and angle brackets out of Mermaid labels and pipes out of table cells', () => {
    const text = releaseSummary(aggregate(parseNeeds(needs({ 'a"<b>': 'success' })), false), [
      record('x|y', { outcome: 'de|ployed' }),
    ]);
    expect(text).toContain('job0["✅ a#quot;#lt;b#gt;"]');
    expect(text).toContain('`x\\|y`');
    expect(text).toContain('✅ de\\|ployed');
  });
});
