import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONLINT_VERSION, ARCHIVES, installActionlint } from '../src/actionlint.js';
import { HOST, hostArchive, serve } from './support/actionlint-release.js';

const archive = hostArchive();
const tampered = Buffer.concat([archive.bytes, Buffer.from('x')]);
let release: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  release = await serve({
    [`/v${ACTIONLINT_VERSION}/${archive.name}`]: archive.bytes,
    [`/v${ACTIONLINT_VERSION}/tampered.tar.gz`]: tampered,
  });
});
afterAll(() => release.close());

const workDir = () => mkdtempSync(join(tmpdir(), 'doppio-actionlint-install-'));

describe('installActionlint', () => {
  it('downloads the archive, checks its SHA-256, and returns the binary inside', async () => {
    const binary = await installActionlint({
      workDir: workDir(),
      baseUrl: release.baseUrl,
      archives: { [HOST]: archive },
    });
    expect(binary.version).toBe(ACTIONLINT_VERSION);
    expect(execFileSync(binary.path, ['-version'], { encoding: 'utf8' })).toMatch(
      new RegExp(`^${ACTIONLINT_VERSION.replace(/\./g, '\\.')}\\n`),
    );
  });

  it('runs nothing from an archive whose SHA-256 is not the pinned one', async () => {
    const dir = workDir();
    await expect(
      installActionlint({
        workDir: dir,
        baseUrl: release.baseUrl,
        archives: { [HOST]: { name: 'tampered.tar.gz', sha256: archive.sha256 } },
      }),
    ).rejects.toThrow(
      `has SHA-256 ${createHash('sha256').update(tampered).digest('hex')}, not the ${archive.sha256} of actionlint's release: nothing was run`,
    );
    const [unpacked] = readdirSync(dir);
    expect(readdirSync(join(dir, unpacked!))).toEqual(['tampered.tar.gz']);
  });

  it('says what to do when the download fails or the platform has no release', async () => {
    await expect(
      installActionlint({ workDir: workDir(), baseUrl: release.baseUrl, platform: HOST }),
    ).rejects.toThrow(
      /^could not download actionlint from http:\/\/127\.0\.0\.1:\d+\/v1\.7\.12\/actionlint_1\.7\.12_\w+\.(tar\.gz|zip) \(.*\): retry the job, or set the `actionlint` input to `false` to lint without it$/,
    );
    await expect(
      installActionlint({ workDir: workDir(), platform: 'freebsd-x64' }),
    ).rejects.toThrow(
      'actionlint 1.7.12 has no release for freebsd-x64 (only linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64): run the action on one of those, or set the `actionlint` input to `false` to lint without it',
    );
  });
});

it('pins the actionlint the linter is built from, for each platform the linter has a package for', () => {
  const tools = join(import.meta.dirname, '..', '..', '..', 'tools', 'actionlint');
  expect(readFileSync(join(tools, 'go.mod'), 'utf8')).toContain(
    `github.com/rhysd/actionlint v${ACTIONLINT_VERSION}\n`,
  );
  const packages = readdirSync(join(tools, 'npm')).sort();
  expect(Object.keys(ARCHIVES).sort()).toEqual(packages);
  for (const { name, sha256 } of Object.values(ARCHIVES)) {
    expect(name).toMatch(new RegExp(`^actionlint_${ACTIONLINT_VERSION.replace(/\./g, '\\.')}_`));
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});
