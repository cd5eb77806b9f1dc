// Installs one ecspresso release for this job. The release's checksums file is always read (also
// on a tool-cache hit); the archive's SHA-256 must equal the listed one, and the optional `sha256`
// pin, before anything is extracted. A tool-cache entry counts only when its recorded archive
// checksum is the listed one and its binary still hashes to what was recorded: anything else is
// downloaded again. The job runs its own copy of the binary, never the shared cache entry, so jobs
// installing the same version at once on one runner (self-hosted runners share RUNNER_TOOL_CACHE)
// never execute a file another job is writing; filling the cache is best effort for that reason.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tc from '@actions/tool-cache';
import {
  expectedChecksum,
  releaseFiles,
  SUPPORTED_PLATFORMS,
  type Platform,
  type ReleaseFiles,
  type ReleaseVersion,
} from './release.js';

export const TOOL_NAME = 'ecspresso';
/** Beside the cached binary: the archive's and the binary's SHA-256 at the time it was cached. */
export const CACHE_RECORD = 'ecspresso.sha256.json';

export interface InstallRequest {
  readonly version: ReleaseVersion;
  readonly baseUrl: string;
  readonly platform: Platform;
  /** The archive's SHA-256 (lower-case hex), pinned by the caller independently of the release. */
  readonly sha256?: string | undefined;
  /** Where this job's own copy of the binary goes (RUNNER_TEMP). */
  readonly workDir: string;
  /** Progress lines for the log. */
  readonly log?: (line: string) => void;
  /** Something the user should see (a cache entry that failed its check, a cache that could not be filled). */
  readonly warn?: (line: string) => void;
}

export interface Installed {
  readonly version: string;
  /** The directory to put on PATH: this job's own. */
  readonly dir: string;
  /** The binary itself. */
  readonly path: string;
  readonly cacheHit: boolean;
}

interface CacheRecord {
  readonly archive: string;
  readonly binary: string;
}

export async function installEcspresso(request: InstallRequest): Promise<Installed> {
  const { version, platform } = request;
  const log = request.log ?? (() => {});
  const warn = request.warn ?? log;
  const files = releaseFiles(request.baseUrl, version, platform);
  // Everything downloaded or extracted goes into RUNNER_TEMP and is removed whatever happens, so a
  // rejected download leaves nothing behind.
  const temporary: string[] = [];
  try {
    log(`downloading ${files.checksumsUrl}`);
    const checksumsFile = await download(files.checksumsUrl, files, version, platform);
    temporary.push(checksumsFile);
    const listed = expectedChecksum(await readFile(checksumsFile, 'utf8'), files);
    if (request.sha256 !== undefined && request.sha256 !== listed) {
      throw new Error(
        `${files.checksumsUrl} lists SHA-256 ${listed} for ${files.asset}, but the sha256 input pins ${request.sha256}. Nothing was installed.`,
      );
    }

    const cached = await verifiedCacheEntry(version, platform, listed, warn);
    if (cached) {
      log(
        `ecspresso ${version.tag} (${platform.os}/${platform.arch}) found in the tool cache and verified: ${cached}`,
      );
      return { version: version.tag, ...(await ownCopy(cached, request.workDir)), cacheHit: true };
    }

    log(`downloading ${files.archiveUrl}`);
    const archive = await download(files.archiveUrl, files, version, platform);
    temporary.push(archive);
    const actual = await sha256(archive);
    if (actual !== listed) {
      throw new Error(
        `checksum mismatch for ${files.asset}: expected SHA-256 ${listed} (from ${files.checksumsUrl}), got ${actual} for ${files.archiveUrl}. Nothing was installed.`,
      );
    }
    log(
      `SHA-256 of ${files.asset} verified: ${actual}${request.sha256 ? ' (equal to the sha256 input)' : ''}`,
    );

    const extracted = await tc.extractTar(archive);
    temporary.push(extracted);
    const binary = join(extracted, TOOL_NAME);
    if (!existsSync(binary)) {
      throw new Error(
        `${files.asset} has no \`${TOOL_NAME}\` binary at its root (from ${files.archiveUrl}). Nothing was installed.`,
      );
    }
    await chmod(binary, 0o755);
    const own = await ownCopy(binary, request.workDir);
    await fillCache(
      binary,
      version,
      platform,
      { archive: listed, binary: await sha256(binary) },
      log,
      warn,
    );
    return { version: version.tag, ...own, cacheHit: false };
  } finally {
    await Promise.all(temporary.map((path) => rm(path, { recursive: true, force: true })));
  }
}

/** The cached binary when its record says it came from the archive `listed` names and it still hashes as recorded. */
async function verifiedCacheEntry(
  version: ReleaseVersion,
  platform: Platform,
  listed: string,
  warn: (line: string) => void,
): Promise<string | undefined> {
  const dir = tc.find(TOOL_NAME, version.number, platform.nodeArch);
  if (!dir) return undefined;
  const binary = join(dir, TOOL_NAME);
  let record: CacheRecord;
  try {
    record = JSON.parse(await readFile(join(dir, CACHE_RECORD), 'utf8')) as CacheRecord;
  } catch {
    warn(
      `the tool cache holds ecspresso ${version.tag} (${dir}) without a record of its checksums: downloading and verifying it again`,
    );
    return undefined;
  }
  if (record.archive !== listed) {
    warn(
      `the tool cache's ecspresso ${version.tag} (${dir}) came from an archive with SHA-256 ${record.archive}, but the release lists ${listed}: downloading it again`,
    );
    return undefined;
  }
  const now = existsSync(binary) ? await sha256(binary) : 'missing';
  if (now !== record.binary) {
    warn(
      `the tool cache's ecspresso ${version.tag} (${binary}) changed since it was cached (SHA-256 ${now}, recorded ${record.binary}): downloading it again`,
    );
    return undefined;
  }
  return binary;
}

async function fillCache(
  binary: string,
  version: ReleaseVersion,
  platform: Platform,
  record: CacheRecord,
  log: (line: string) => void,
  warn: (line: string) => void,
): Promise<void> {
  try {
    const dir = await tc.cacheFile(binary, TOOL_NAME, TOOL_NAME, version.number, platform.nodeArch);
    await writeFile(join(dir, CACHE_RECORD), JSON.stringify(record));
    log(`ecspresso ${version.tag} (${platform.os}/${platform.arch}) cached in ${dir}`);
  } catch (error) {
    warn(
      `could not put ecspresso ${version.tag} in the tool cache (${error instanceof Error ? error.message : String(error)}); this job uses its own verified copy`,
    );
  }
}

async function ownCopy(binary: string, workDir: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(workDir, 'ecspresso-'));
  const path = join(dir, TOOL_NAME);
  await copyFile(binary, path);
  await chmod(path, 0o755);
  return { dir, path };
}

async function download(
  url: string,
  files: ReleaseFiles,
  version: ReleaseVersion,
  platform: Platform,
): Promise<string> {
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
    throw new Error(
      `downloading ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
