// The install logic against a fake release on 127.0.0.1, with the platform given explicitly.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { installEcspresso } from '../src/install.js';
import { parseVersion, platformOf } from '../src/release.js';
import {
  checksumsFile,
  fakeArchive,
  runnerDirs,
  startReleaseServer,
  type ReleaseServer,
} from './fake-release.js';

const saved = { ...process.env };
let dirs: ReturnType<typeof runnerDirs>;
let server: ReleaseServer | undefined;

beforeEach(() => {
  dirs = runnerDirs();
  Object.assign(process.env, dirs.env);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const key of Object.keys(dirs.env)) delete process.env[key];
  Object.assign(process.env, saved);
});

it('on arm64 downloads and caches the arm64 asset, never the amd64 one', async () => {
  const arm64 = fakeArchive('ecspresso v2.8.7 (arm64 build)');
  const amd64 = fakeArchive('ecspresso v2.8.7 (amd64 build)');
  const assets = {
    'ecspresso_2.8.7_linux_arm64.tar.gz': arm64,
    'ecspresso_2.8.7_linux_amd64.tar.gz': amd64,
  };
  server = await startReleaseServer({
    'v2.8.7/checksums.txt': checksumsFile(assets),
    'v2.8.7/ecspresso_2.8.7_linux_arm64.tar.gz': arm64,
    'v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz': amd64,
  });
  const installed = await installEcspresso({
    version: parseVersion('v2.8.7'),
    baseUrl: server.baseUrl,
    platform: platformOf('linux', 'arm64'),
    workDir: dirs.temp,
  });
  expect(server.requests).toEqual([
    '/download/v2.8.7/checksums.txt',
    '/download/v2.8.7/ecspresso_2.8.7_linux_arm64.tar.gz',
  ]);
  expect(installed).toEqual({
    version: 'v2.8.7',
    dir: dirname(installed.path),
    path: join(dirs.temp, readdirSync(dirs.temp)[0]!, 'ecspresso'),
    cacheHit: false,
  });
  expect(readFileSync(installed.path, 'utf8')).toContain('(arm64 build)');
  const cached = join(dirs.toolCache, 'ecspresso', '2.8.7', 'arm64');
  expect(readFileSync(join(cached, 'ecspresso'), 'utf8')).toContain('(arm64 build)');
  expect(existsSync(`${cached}.complete`)).toBe(true);
});

it('keeps each architecture apart in the tool cache', async () => {
  const arm64 = fakeArchive('arm64');
  const amd64 = fakeArchive('amd64');
  const assets = {
    'ecspresso_2.8.7_linux_arm64.tar.gz': arm64,
    'ecspresso_2.8.7_linux_amd64.tar.gz': amd64,
  };
  server = await startReleaseServer({
    'v2.8.7/checksums.txt': checksumsFile(assets),
    ...Object.fromEntries(Object.entries(assets).map(([name, body]) => [`v2.8.7/${name}`, body])),
  });
  const request = { version: parseVersion('2.8.7'), baseUrl: server.baseUrl, workDir: dirs.temp };
  await installEcspresso({ ...request, platform: platformOf('linux', 'x64') });
  const arm = await installEcspresso({ ...request, platform: platformOf('linux', 'arm64') });
  expect(arm.cacheHit).toBe(false);
  expect(readFileSync(arm.path, 'utf8')).toContain("echo 'arm64'");
  const again = await installEcspresso({ ...request, platform: platformOf('linux', 'x64') });
  expect(again.cacheHit).toBe(true);
  expect(readFileSync(again.path, 'utf8')).toContain("echo 'amd64'");
  expect(server.requests.filter((path) => path.endsWith('.tar.gz'))).toEqual([
    '/download/v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz',
    '/download/v2.8.7/ecspresso_2.8.7_linux_arm64.tar.gz',
  ]);
});

it('lets jobs install one version at once into one tool cache, each running its own copy', async () => {
  // Self-hosted runners on one host share RUNNER_TOOL_CACHE: a job must never run a binary another job is writing.
  const archive = fakeArchive('ecspresso v2.8.7');
  server = await startReleaseServer({
    'v2.8.7/checksums.txt': checksumsFile({ 'ecspresso_2.8.7_linux_amd64.tar.gz': archive }),
    'v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz': archive,
  });
  const request = {
    version: parseVersion('v2.8.7'),
    baseUrl: server.baseUrl,
    platform: platformOf('linux', 'x64'),
    workDir: dirs.temp,
  };
  const installs = await Promise.all([1, 2, 3, 4].map(() => installEcspresso(request)));
  expect(new Set(installs.map((installed) => installed.path)).size).toBe(4);
  for (const installed of installs)
    expect(execFileSync(installed.path, { encoding: 'utf8' })).toBe('ecspresso v2.8.7\n');
});

it('refuses an asset the checksums file does not list, before downloading it', async () => {
  server = await startReleaseServer({
    'v2.8.7/checksums.txt': checksumsFile({
      'ecspresso_2.8.7_darwin_arm64.tar.gz': fakeArchive('x'),
    }),
    'v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz': fakeArchive('x'),
  });
  await expect(
    installEcspresso({
      version: parseVersion('v2.8.7'),
      baseUrl: server.baseUrl,
      platform: platformOf('linux', 'x64'),
      workDir: dirs.temp,
    }),
  ).rejects.toThrow(
    `${server.baseUrl}/v2.8.7/checksums.txt lists no SHA-256 for ecspresso_2.8.7_linux_amd64.tar.gz`,
  );
  expect(server.requests).toEqual(['/download/v2.8.7/checksums.txt']);
  expect(readdirSync(dirs.toolCache)).toEqual([]);
  expect(readdirSync(dirs.temp)).toEqual([]);
});

it('refuses an archive without an ecspresso binary at its root, installing nothing', async () => {
  const archive = fakeArchive('x', { binaryName: 'ecspresso-linux-amd64' });
  server = await startReleaseServer({
    'v2.8.7/checksums.txt': checksumsFile({ 'ecspresso_2.8.7_linux_amd64.tar.gz': archive }),
    'v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz': archive,
  });
  await expect(
    installEcspresso({
      version: parseVersion('v2.8.7'),
      baseUrl: server.baseUrl,
      platform: platformOf('linux', 'x64'),
      workDir: dirs.temp,
    }),
  ).rejects.toThrow('ecspresso_2.8.7_linux_amd64.tar.gz has no `ecspresso` binary at its root');
  expect(readdirSync(dirs.toolCache)).toEqual([]);
  expect(readdirSync(dirs.temp)).toEqual([]);
});

it('says where to look when the release does not exist', async () => {
  server = await startReleaseServer({});
  await expect(
    installEcspresso({
      version: parseVersion('v2.99.0'),
      baseUrl: server.baseUrl,
      platform: platformOf('darwin', 'arm64'),
      workDir: dirs.temp,
    }),
  ).rejects.toThrow(
    `${server.baseUrl}/v2.99.0/checksums.txt does not exist (HTTP 404): ecspresso v2.99.0 has no darwin/arm64 download there. Check that v2.99.0 is a release and which platforms it ships at ${server.baseUrl.replace(/\/download$/, '')}`,
  );
  expect(server.requests).toEqual(['/download/v2.99.0/checksums.txt']);
});
