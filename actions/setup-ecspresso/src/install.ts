// Installs one ecspresso release into the runner's tool cache: a cached copy is used as it is;
// otherwise the release's checksums file and archive are downloaded, the archive's SHA-256 must
// equal the listed one before anything is extracted, and only then is the binary cached.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tc from '@actions/tool-cache';
import { expectedChecksum, releaseFiles, SUPPORTED_PLATFORMS, type Platform, type ReleaseFiles, type ReleaseVersion } from './release.js';

export const TOOL_NAME = 'ecspresso';

export interface InstallRequest {
  readonly version: ReleaseVersion;
  readonly baseUrl: string;
  readonly platform: Platform;
  /** Progress lines for the log. */
  readonly log?: (line: string) => void;
}

export interface Installed {
  readonly version: string;
  /** The directory to put on PATH. */
  readonly dir: string;
  /** The binary itself. */
  readonly path: string;
  readonly cacheHit: boolean;
}

export async function installEcspresso(request: InstallRequest): Promise<Installed> {
  const { version, platform } = request;
  const log = request.log ?? (() => {});
  const cached = tc.find(TOOL_NAME, version.number, platform.nodeArch);
  if (cached && existsSync(join(cached, TOOL_NAME))) {
    log(`ecspresso ${version.tag} (${platform.os}/${platform.arch}) found in the tool cache: ${cached}`);
    return { version: version.tag, dir: cached, path: join(cached, TOOL_NAME), cacheHit: true };
  }

  const files = releaseFiles(request.baseUrl, version, platform);
  // Everything downloaded or extracted goes into RUNNER_TEMP and is removed whatever happens, so a
  // rejected download leaves nothing behind.
  const temporary: string[] = [];
  try {
    log(`downloading ${files.checksumsUrl}`);
    const checksumsFile = await download(files.checksumsUrl, files, version, platform);
    temporary.push(checksumsFile);
    const expected = expectedChecksum(await readFile(checksumsFile, 'utf8'), files);

    log(`downloading ${files.archiveUrl}`);
    const archive = await download(files.archiveUrl, files, version, platform);
    temporary.push(archive);
    const actual = await sha256(archive);
    if (actual !== expected) {
      throw new Error(`checksum mismatch for ${files.asset}: expected SHA-256 ${expected} (from ${files.checksumsUrl}), got ${actual} for ${files.archiveUrl}. Nothing was installed.`);
    }
    log(`SHA-256 of ${files.asset} verified: ${actual}`);

    const extracted = await tc.extractTar(archive);
    temporary.push(extracted);
    const binary = join(extracted, TOOL_NAME);
    if (!existsSync(binary)) {
      throw new Error(`${files.asset} has no \`${TOOL_NAME}\` binary at its root (from ${files.archiveUrl}). Nothing was installed.`);
    }
    await chmod(binary, 0o755);
    const dir = await tc.cacheFile(binary, TOOL_NAME, TOOL_NAME, version.number, platform.nodeArch);
    log(`ecspresso ${version.tag} (${platform.os}/${platform.arch}) cached in ${dir}`);
    return { version: version.tag, dir, path: join(dir, TOOL_NAME), cacheHit: false };
  } finally {
    await Promise.all(temporary.map((path) => rm(path, { recursive: true, force: true })));
  }
}

async function download(url: string, files: ReleaseFiles, version: ReleaseVersion, platform: Platform): Promise<string> {
  try {
    return await tc.downloadTool(url);
  } catch (error) {
    if (error instanceof tc.HTTPError && error.httpStatusCode === 404) {
      throw new Error(
        `${url} does not exist (HTTP 404): ecspresso ${version.tag} has no ${platform.os}/${platform.arch} download there. ` +
          `Check that ${version.tag} is a release and which platforms it ships at ${files.releasesPage} ` +
          `(ecspresso v2 releases ship ${SUPPORTED_PLATFORMS} as ecspresso_<version>_<os>_<arch>.tar.gz beside checksums.txt).`,
      );
    }
    throw new Error(`downloading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
