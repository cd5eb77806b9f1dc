// main() with the real @actions/core: inputs in, the summary file and outputs read back.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition';

const inputs = {
  ...defaults,
  environment: 'staging',
  status: 'deployed',
  cluster: 'example-staging',
  service: 'web',
  region: 'eu-west-1',
  image:
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/example-service:0123456789abcdef0123456789abcdef01234567',
  digest: 'sha256:aaaa',
  'previous-task-definition': `${ARN}/web:7`,
  'task-definition': `${ARN}/web:8`,
  'console-url':
    'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/example-staging/services/web/health?region=eu-west-1',
};

it('writes the summary and outputs the same Markdown', async () => {
  const result = await runAction(run, inputs);
  expect(result.failed).toBe(false);
  expect(result.outputs['markdown']).toContain('### ✅ `web` deployed to `staging`');
  expect(result.outputs['markdown']).toContain('| Task definition | `web:8` (was `web:7`) |');
  expect(result.outputs['markdown']).toContain('| Digest | `sha256:aaaa` |');
  // The summary file holds exactly the output (addRaw with a final newline).
  expect(result.summary).toBe(`${result.outputs['markdown']}\n`);
});

it('reads several images and digests one a line', async () => {
  const result = await runAction(run, {
    ...inputs,
    image: 'r/app:1\nr/side:2\n',
    digest: 'sha256:aa\nsha256:bb',
  });
  expect(result.outputs['markdown']).toContain('| Images | `r/app:1`<br>`r/side:2` |');
  expect(result.outputs['markdown']).toContain('| Digests | `sha256:aa`<br>`sha256:bb` |');
  expect(result.log).not.toContain('::warning::');
});

it('warns when digests and images do not pair up, and still writes the summary', async () => {
  const result = await runAction(run, {
    ...inputs,
    image: 'r/app:1\nr/side:2',
    digest: 'sha256:aa',
  });
  expect(result.failed).toBe(false);
  expect(result.log).toContain('::warning::2 image(s) but 1 digest(s)');
  expect(result.summary).toContain('### ✅');
});

it('a failed deploy with only the environment known', async () => {
  const result = await runAction(run, { ...defaults, environment: 'production', status: 'failed' });
  expect(result.failed).toBe(false);
  expect(result.summary).toContain('### ❌ Deploy to `production` failed');
  expect(result.summary).not.toContain('| Image');
});

it('refuses an unknown status, saying which are allowed, and writes nothing', async () => {
  const result = await runAction(run, { ...inputs, status: 'success' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error::`status` must be one of deployed, dry-run, failed (got "success")',
  );
  expect(result.summary).toBe('');
  expect(result.outputs).toEqual({});
});

it('requires the environment', async () => {
  const result = await runAction(run, { ...defaults, status: 'deployed' });
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::Input required and not supplied: environment');
});
