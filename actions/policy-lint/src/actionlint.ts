// The native actionlint for the runner. The linter's npm package gets it from a per-platform
// package; the action runs without node_modules, so it downloads actionlint's own release archive
// for the runner's platform — the version the linter's packages are built at — and checks the
// archive's SHA-256 against the one pinned here (from the release's checksums file) before it
// extracts anything.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import * as tc from '@actions/tool-cache';
import type { ActionlintBinary } from '@doppio-dev/doppio-lint';

export const ACTIONLINT_VERSION = '1.7.12';
export const DEFAULT_BASE_URL = 'https://github.com/rhysd/actionlint/releases/download';

export interface ReleaseArchive {
  readonly name: string;
  readonly sha256: string;
}

/** actionlint_1.7.12_checksums.txt, by Node's `<platform>-<arch>`: the platforms GitHub's runners have. */
export const ARCHIVES: Readonly<Record<string, ReleaseArchive>> = {
  'linux-x64': {
    name: 'actionlint_1.7.12_linux_amd64.tar.gz',
    sha256: '8aca8db96f1b94770f1b0d72b6dddcb1ebb8123cb3712530b08cc387b349a3d8',
  },
  'linux-arm64': {
    name: 'actionlint_1.7.12_linux_arm64.tar.gz',
    sha256: '325e971b6ba9bfa504672e29be93c24981eeb1c07576d730e9f7c8805afff0c6',
  },
  'darwin-x64': {
    name: 'actionlint_1.7.12_darwin_amd64.tar.gz',
    sha256: '5b44c3bc2255115c9b69e30efc0fecdf498fdb63c5d58e17084fd5f16324c644',
  },
  'darwin-arm64': {
    name: 'actionlint_1.7.12_darwin_arm64.tar.gz',
    sha256: 'aba9ced2dee8d27fecca3dc7feb1a7f9a52caefa1eb46f3271ea66b6e0e6953f',
  },
  'win32-x64': {
    name: 'actionlint_1.7.12_windows_amd64.zip',
    sha256: '6e7241b51e6817ea6a047693d8e6fed13b31819c9a0dd6c5a726e1592d22f6e9',
  },
};

export interface InstallOptions {
  /** Where the archive is downloaded and extracted (RUNNER_TEMP). */
  readonly workDir: string;
  readonly baseUrl?: string;
  readonly platform?: string;
  readonly archives?: Readonly<Record<string, ReleaseArchive>>;
}

/** Downloads, checks and extracts actionlint; throws a message that says what to do otherwise. */
export async function installActionlint(options: InstallOptions): Promise<ActionlintBinary> {
  const platform = options.platform ?? `${process.platform}-${process.arch}`;
  const archive = (options.archives ?? ARCHIVES)[platform];
  const off = 'or set the `actionlint` input to `false` to lint without it';
  if (!archive)
    throw new Error(
      `actionlint ${ACTIONLINT_VERSION} has no release for ${platform} (only ${Object.keys(options.archives ?? ARCHIVES).join(', ')}): run the action on one of those, ${off}`,
    );
  const url = `${options.baseUrl ?? DEFAULT_BASE_URL}/v${ACTIONLINT_VERSION}/${archive.name}`;
  const dir = await mkdtemp(join(options.workDir, 'actionlint-'));
  let file: string;
  try {
    file = await tc.downloadTool(url, join(dir, archive.name));
  } catch (error) {
    throw new Error(
      `could not download actionlint from ${url} (${error instanceof Error ? error.message : String(error)}): retry the job, ${off}`,
    );
  }
  const actual = await sha256(file);
  if (actual !== archive.sha256)
    throw new Error(
      `${url} has SHA-256 ${actual}, not the ${archive.sha256} of actionlint's release: nothing was run. Retry the job, ${off}`,
    );
  const extracted = archive.name.endsWith('.zip')
    ? await tc.extractZip(file, join(dir, 'bin'))
    : await tc.extractTar(file, join(dir, 'bin'));
  const path = join(extracted, platform.startsWith('win32') ? 'actionlint.exe' : 'actionlint');
  await chmod(path, 0o755);
  return { path, version: ACTIONLINT_VERSION };
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
