// The actions' bundles hand @actions/http-client a ProxyAgent that loads undici on first use
// (tools/action-bundle.mjs): an action that never goes through a proxy never evaluates undici. The
// proxy path must still get undici's own ProxyAgent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { ACTION_BUNDLE } from '../tools/action-bundle.mjs';

const ROOT = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'lazy-undici-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('gives http-client undici’s real ProxyAgent when a proxy is set', async () => {
  // @actions/http-client as the actions get it: the one beside @actions/core.
  const core = realpathSync(
    join(ROOT, 'actions', 'rollback-guard', 'node_modules', '@actions', 'core'),
  );
  const probe = join(out, 'probe.mjs');
  await build({
    stdin: {
      contents: [
        "import { HttpClient } from '@actions/http-client';",
        "const dispatcher = new HttpClient('probe').getAgentDispatcher('https://example.com/');",
        'console.log(JSON.stringify({ name: dispatcher?.constructor.name, dispatch: typeof dispatcher?.dispatch }));',
        'await dispatcher?.close();',
      ].join('\n'),
      resolveDir: core,
      loader: 'js',
    },
    ...ACTION_BUNDLE,
    outfile: probe,
    minify: false,
    logLevel: 'silent',
  });
  const printed = execFileSync(process.execPath, [probe], {
    cwd: out,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', https_proxy: 'http://127.0.0.1:9' },
  });
  // esbuild may suffix the class's name (`ProxyAgent2`) beside the stand-in's function of that name.
  expect(JSON.parse(printed)).toEqual({
    name: expect.stringMatching(/^ProxyAgent\d*$/),
    dispatch: 'function',
  });
});

it('leaves undici out of an action that never needs a proxy', () => {
  const bundle = readFileSync(join(ROOT, 'actions', 'rollback-guard', 'dist', 'index.js'), 'utf8');
  expect(bundle).not.toContain('undici');
  expect(bundle.length).toBeLessThan(50_000);
});
