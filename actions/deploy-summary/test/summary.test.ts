import { describe, expect, it } from 'vitest';
import {
  code,
  deploySummary,
  familyRevision,
  isDeployStatus,
  lines,
  type DeployFacts,
} from '../src/summary.js';

const ARN = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition';
const IMAGE =
  '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example-service:0123456789abcdef0123456789abcdef01234567';
const DIGEST = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';
const CONSOLE =
  'https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/example-production/services/web/health?region=ap-northeast-1';

const full: DeployFacts = {
  environment: 'production',
  status: 'deployed',
  cluster: 'example-production',
  service: 'web',
  region: 'ap-northeast-1',
  images: [IMAGE],
  digests: [DIGEST],
  previousTaskDefinition: `${ARN}/example-service-production-web:41`,
  taskDefinition: `${ARN}/example-service-production-web:42`,
  consoleUrl: CONSOLE,
};

describe('deploySummary', () => {
  it('a deploy: every row, the new revision and the one it replaced', () => {
    expect(deploySummary(full)).toBe(
      [
        '### ✅ `web` deployed to `production`',
        '',
        '| | |',
        '| --- | --- |',
        '| Environment | `production` |',
        '| Service | `web` in cluster `example-production` (`ap-northeast-1`) |',
        `| Image | \`${IMAGE}\` |`,
        `| Digest | \`${DIGEST}\` |`,
        '| Task definition | `example-service-production-web:42` (was `example-service-production-web:41`) |',
        `| Console | [open the service in the ECS console](${CONSOLE}) |`,
        '',
      ].join('\n'),
    );
  });

  it('a dry run: the revision is unchanged and the footnote says nothing changed', () => {
    const dry = {
      ...full,
      status: 'dry-run' as const,
      taskDefinition: full.previousTaskDefinition,
    };
    expect(deploySummary(dry)).toBe(
      [
        '### 🧪 Dry run of `web` for `production`: nothing deployed',
        '',
        '| | |',
        '| --- | --- |',
        '| Environment | `production` |',
        '| Service | `web` in cluster `example-production` (`ap-northeast-1`) |',
        `| Image | \`${IMAGE}\` |`,
        `| Digest | \`${DIGEST}\` |`,
        '| Task definition | `example-service-production-web:41` (unchanged) |',
        `| Console | [open the service in the ECS console](${CONSOLE}) |`,
        '',
        'Nothing was changed: `ecspresso deploy --dry-run` printed the differences in the job log.',
        '',
      ].join('\n'),
    );
  });

  it('a failure before anything was known: only the environment, and where to look', () => {
    expect(
      deploySummary({
        environment: 'staging',
        status: 'failed',
        cluster: '',
        service: '',
        images: [],
        digests: [],
        taskDefinition: '',
        previousTaskDefinition: '',
        consoleUrl: '',
      }),
    ).toBe(
      [
        '### ❌ Deploy to `staging` failed',
        '',
        '| | |',
        '| --- | --- |',
        '| Environment | `staging` |',
        '',
        'See the job log for the error. The task definition above is what the service runs now.',
        '',
      ].join('\n'),
    );
  });

  it('a deploy ECS turned away: the service is back on the old revision and the rejected one is deregistered', () => {
    const rejected = {
      ...full,
      status: 'failed' as const,
      taskDefinition: full.previousTaskDefinition,
      deregistered: [`${ARN}/example-service-production-web:42`],
    };
    const rows = deploySummary(rejected).split('\n');
    expect(rows).toContain('| Task definition | `example-service-production-web:41` (unchanged) |');
    expect(rows).toContain(
      '| Deregistered | `example-service-production-web:42`: ECS turned it away and the service is back on `example-service-production-web:41`, so a rollback can never land on it |',
    );
    expect(
      rows.indexOf(
        '| Deregistered | `example-service-production-web:42`: ECS turned it away and the service is back on `example-service-production-web:41`, so a rollback can never land on it |',
      ),
    ).toBe(rows.findIndex((row) => row.startsWith('| Task definition')) + 1);
  });

  it('says why a rejected revision stays registered, escaped for the table', () => {
    const kept = {
      ...full,
      status: 'failed' as const,
      deregisterReason: 'web:42 stays registered: prod/canary runs it | really',
    };
    expect(deploySummary(kept)).toContain(
      '| Rejected revision | web:42 stays registered: prod/canary runs it \\| really |',
    );
    expect(deploySummary(full)).not.toContain('Rejected revision');
  });

  it('a failed deploy names the service in the heading', () => {
    expect(deploySummary({ ...full, status: 'failed' }).split('\n')[0]).toBe(
      '### ❌ Deploy of `web` to `production` failed',
    );
  });

  it('several images and digests, one a line in the cell', () => {
    const text = deploySummary({
      ...full,
      images: ['repo/app:1', 'repo/sidecar:2'],
      digests: ['sha256:aa', 'sha256:bb'],
    });
    expect(text).toContain('| Images | `repo/app:1`<br>`repo/sidecar:2` |');
    expect(text).toContain('| Digests | `sha256:aa`<br>`sha256:bb` |');
  });

  it('a first deploy (no previous revision) and a service without cluster or region', () => {
    const text = deploySummary({
      environment: 'dev',
      status: 'deployed',
      service: 'api',
      taskDefinition: `${ARN}/api:1`,
    });
    expect(text.split('\n')[0]).toBe('### ✅ `api` deployed to `dev`');
    expect(text).toContain('| Service | `api` |');
    expect(text).toContain('| Task definition | `api:1` |');
    expect(text).not.toContain('was');
    expect(
      deploySummary({
        environment: 'dev',
        status: 'failed',
        cluster: 'c',
        previousTaskDefinition: `${ARN}/api:1`,
      }),
    ).toContain('| Service | the service in cluster `c` |');
    expect(
      deploySummary({
        environment: 'dev',
        status: 'failed',
        previousTaskDefinition: `${ARN}/api:1`,
      }),
    ).toContain('| Task definition | was `api:1` |');
  });

  it('links only https addresses; anything else is shown as text', () => {
    expect(deploySummary({ ...full, consoleUrl: 'javascript:alert(1)' })).toContain(
      '| Console | `javascript:alert(1)` |',
    );
    expect(deploySummary({ ...full, consoleUrl: 'http://example.com/x' })).toContain(
      '| Console | `http://example.com/x` |',
    );
  });

  it('cannot be broken out of a table cell', () => {
    const text = deploySummary({ environment: 'prod|uction', status: 'deployed', service: 'we`b' });
    expect(text).toContain('| Environment | `prod\\|uction` |');
    expect(text.split('\n')[0]).toBe('### ✅ `` we`b `` deployed to `prod\\|uction`');
  });
});

describe('familyRevision', () => {
  it.each([
    [`${ARN}/web:42`, 'web:42'],
    ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web-cn:7', 'web-cn:7'],
    ['web:42', 'web:42'],
    [`  ${ARN}/web:3 `, 'web:3'],
    [
      'arn:aws:ecs:ap-northeast-1:123456789012:service/cluster/web',
      'arn:aws:ecs:ap-northeast-1:123456789012:service/cluster/web',
    ],
  ])('%s → %s', (input, expected) => {
    expect(familyRevision(input)).toBe(expected);
  });
});

it('lines splits one item a line and drops blanks', () => {
  expect(lines('a\r\n\n  b  \n')).toEqual(['a', 'b']);
  expect(lines('')).toEqual([]);
});

it('code escapes pipes and newlines; a backtick gets a longer fence', () => {
  expect(code('a|b\nc')).toBe('`a\\|b c`');
  expect(code('`x`')).toBe('`` `x` ``');
});

it('isDeployStatus knows exactly the three statuses', () => {
  expect(['deployed', 'dry-run', 'failed', 'success', ''].map(isDeployStatus)).toEqual([
    true,
    true,
    true,
    false,
    false,
  ]);
});
