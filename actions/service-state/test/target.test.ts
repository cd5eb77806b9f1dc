import { describe, expect, it } from 'vitest';
import { parseRenderedConfig, resolveTarget } from '../src/target.js';
import { fakeEcspresso } from './fake-ecspresso.js';

// What `ecspresso render config` prints (goccy/go-yaml encoding of ecspresso's Config).
const RENDERED = [
  'region: ap-northeast-1',
  'cluster: production',
  'service: web',
  'service_definition: ecs-service-def.json',
  'task_definition: ecs-task-def.json',
  'timeout: 10m0s',
  '',
].join('\n');

describe('parseRenderedConfig', () => {
  it('reads cluster, service and region', () => {
    expect(parseRenderedConfig(RENDERED, 'cfg.yml')).toEqual({
      cluster: 'production',
      service: 'web',
      region: 'ap-northeast-1',
      config: 'cfg.yml',
    });
  });

  it('uses ecspresso’s default cluster when the config names none', () => {
    expect(parseRenderedConfig('service: web\n', 'cfg.yml')).toEqual({
      cluster: 'default',
      service: 'web',
      region: undefined,
      config: 'cfg.yml',
    });
  });

  it('refuses a config without a service, and output that is not a YAML mapping', () => {
    expect(() => parseRenderedConfig('cluster: c\nservice: ""\n', 'cfg.yml')).toThrow(
      'the ecspresso config cfg.yml names no `service`',
    );
    expect(() => parseRenderedConfig('- a\n- b\n', 'cfg.yml')).toThrow(
      'the rendered ecspresso config cfg.yml is not a mapping',
    );
    expect(() => parseRenderedConfig('a: [\n', 'cfg.yml')).toThrow(
      'the rendered ecspresso config cfg.yml is not YAML',
    );
  });
});

describe('resolveTarget', () => {
  const none = { cluster: '', service: '', config: '', ecspresso: 'ecspresso' };

  it('takes cluster and service as given, without running ecspresso', async () => {
    expect(
      await resolveTarget({
        ...none,
        cluster: 'c',
        service: 's',
        ecspresso: '/nonexistent/ecspresso',
      }),
    ).toEqual({ cluster: 'c', service: 's', region: undefined, config: undefined });
  });

  it('renders a config with `ecspresso render config --config <path>`, passing the environment', async () => {
    const ecspresso = fakeEcspresso({ stdout: RENDERED });
    const target = await resolveTarget(
      { ...none, config: '.ecspresso/production/config.yaml', ecspresso: ecspresso.path },
      { ...process.env, IMAGE_TAG: 'abc' },
    );
    expect(target).toEqual({
      cluster: 'production',
      service: 'web',
      region: 'ap-northeast-1',
      config: '.ecspresso/production/config.yaml',
    });
    expect(ecspresso.calls()).toEqual([
      ['render', 'config', '--config', '.ecspresso/production/config.yaml'],
    ]);
  });

  it('reports ecspresso’s own error when rendering fails', async () => {
    const ecspresso = fakeEcspresso({
      stderr:
        'ERROR failed to load config: template: must_env: environment variable IMAGE_TAG is not defined\n',
      exitCode: 1,
    });
    await expect(
      resolveTarget({ ...none, config: 'cfg.yml', ecspresso: ecspresso.path }),
    ).rejects.toThrow(
      '`ecspresso render config --config cfg.yml` failed (exit 1): ERROR failed to load config: template: must_env: environment variable IMAGE_TAG is not defined',
    );
  });

  it('says how to get ecspresso when it is missing', async () => {
    await expect(
      resolveTarget({ ...none, config: 'cfg.yml', ecspresso: '/nonexistent/ecspresso' }),
    ).rejects.toThrow(
      /cannot run ecspresso \(`\/nonexistent\/ecspresso`\) to read the config cfg\.yml: .*setup-ecspresso/,
    );
  });

  it('wants either a config or both names', async () => {
    await expect(resolveTarget({ ...none, config: 'cfg.yml', cluster: 'c' })).rejects.toThrow(
      'give either `config` (an ecspresso config) or `cluster` and `service`, not both',
    );
    await expect(resolveTarget({ ...none, cluster: 'c' })).rejects.toThrow(
      'name the service: set `cluster` and `service`',
    );
    await expect(resolveTarget(none)).rejects.toThrow('name the service');
  });
});
