// Where an ecspresso release lives and what its files are called. ecspresso v2 is released with
// GoReleaser (kayac/ecspresso `.goreleaser.yml`: no `archives:` settings, so the default name;
// `checksum.name_template: checksums.txt`): per platform one tar.gz named
// `ecspresso_<version without v>_<os>_<arch>.tar.gz` with the `ecspresso` binary at its root, and
// one `checksums.txt` per release, all under `<base-url>/<tag>/`.

export const DEFAULT_BASE_URL = 'https://github.com/kayac/ecspresso/releases/download';

/** An exact release: `tag` as GitHub names it (`v2.5.0`), `number` as the file names spell it (`2.5.0`). */
export interface ReleaseVersion {
  readonly tag: string;
  readonly number: string;
}

export interface Platform {
  /** GOOS as the asset names spell it. */
  readonly os: 'linux' | 'darwin';
  /** GOARCH as the asset names spell it. */
  readonly arch: 'amd64' | 'arm64';
  /** Node's name for the architecture: the tool cache's key, as `@actions/tool-cache` defaults to `os.arch()`. */
  readonly nodeArch: 'x64' | 'arm64';
}

export interface ReleaseFiles {
  readonly asset: string;
  readonly archiveUrl: string;
  readonly checksumsUrl: string;
  /** The human page that lists every release and its assets. */
  readonly releasesPage: string;
}

const EXACT_VERSION = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

/** Accepts `v2.5.0` or `2.5.0`; refuses `latest`, ranges and anything that is not one release. */
export function parseVersion(input: string): ReleaseVersion {
  const text = input.trim();
  if (text.toLowerCase() === 'latest') {
    throw new Error(
      'ecspresso version `latest` is not allowed: doppio installs a fixed, tested ecspresso version so every run deploys with the same one. Set `version` to a release tag such as v2.5.0 (the default).',
    );
  }
  const match = EXACT_VERSION.exec(text);
  if (!match) {
    throw new Error(
      `ecspresso version ${JSON.stringify(input)} is not one release: give an exact release tag such as v2.5.0 (no ranges, no \`latest\`).`,
    );
  }
  if (match[1] === '0') {
    throw new Error(
      `ecspresso ${text} is a v0 release, whose downloads are zip files named differently: install ecspresso v1 or later (doppio is tested with v2.5.0).`,
    );
  }
  const number = text.replace(/^v/, '');
  return { tag: `v${number}`, number };
}

const PLATFORMS: Readonly<Record<string, Platform>> = {
  'linux/x64': { os: 'linux', arch: 'amd64', nodeArch: 'x64' },
  'linux/arm64': { os: 'linux', arch: 'arm64', nodeArch: 'arm64' },
  'darwin/x64': { os: 'darwin', arch: 'amd64', nodeArch: 'x64' },
  'darwin/arm64': { os: 'darwin', arch: 'arm64', nodeArch: 'arm64' },
};

export const SUPPORTED_PLATFORMS = 'linux/amd64, linux/arm64, darwin/amd64, darwin/arm64';

/** Maps Node's `process.platform` / `process.arch` to the release's names. */
export function platformOf(platform: string, arch: string): Platform {
  const found = PLATFORMS[`${platform}/${arch}`];
  if (!found) {
    throw new Error(
      `setup-ecspresso does not support this runner (${platform}/${arch}): it installs ecspresso on ${SUPPORTED_PLATFORMS} runners.`,
    );
  }
  return found;
}

/** Checks the base URL and drops trailing slashes, so `<base>/<tag>/<file>` is always well formed. */
export function normaliseBaseUrl(input: string): string {
  const text = input.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `base-url ${JSON.stringify(input)} is not a URL: give the address releases are downloaded from, such as ${DEFAULT_BASE_URL}`,
    );
  }
  // A binary that deploys to production is never fetched over plain HTTP, not even from a mirror.
  if (url.protocol !== 'https:') {
    throw new Error(
      `base-url ${JSON.stringify(input)} must be an https URL, such as ${DEFAULT_BASE_URL}`,
    );
  }
  return text;
}

export function assetName(version: ReleaseVersion, platform: Platform): string {
  return `ecspresso_${version.number}_${platform.os}_${platform.arch}.tar.gz`;
}

export function releaseFiles(
  baseUrl: string,
  version: ReleaseVersion,
  platform: Platform,
): ReleaseFiles {
  const base = normaliseBaseUrl(baseUrl);
  const asset = assetName(version, platform);
  return {
    asset,
    archiveUrl: `${base}/${version.tag}/${asset}`,
    checksumsUrl: `${base}/${version.tag}/checksums.txt`,
    // GitHub's layout: …/releases/download/<tag>/<file> beside the list at …/releases.
    releasesPage: base.replace(/\/download$/, ''),
  };
}

/** Reads a `sha256sum`-style file (`<hex>  <name>`, `*<name>` in binary mode) into name → lower-case hex. */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(.+?)\s*$/.exec(line);
    if (match) sums.set(match[2]!, match[1]!.toLowerCase());
  }
  return sums;
}

export function expectedChecksum(checksumsText: string, files: ReleaseFiles): string {
  const sum = parseChecksums(checksumsText).get(files.asset);
  if (!sum) {
    throw new Error(
      `${files.checksumsUrl} lists no SHA-256 for ${files.asset}, so it cannot be verified and was not installed.`,
    );
  }
  return sum;
}

/** The optional `sha256` input: empty for none, else 64 hex digits (any case). */
export function parseSha256(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new Error(
      `sha256 ${JSON.stringify(input)} is not a SHA-256: give the 64 hex digits of the release archive for this runner (the line for it in the release's checksums.txt)`,
    );
  }
  return text.toLowerCase();
}

/** The version `ecspresso version` printed (`ecspresso v2.5.0` → `v2.5.0`), or undefined. */
export function reportedVersion(output: string): string | undefined {
  const match = /\bv?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/.exec(output);
  return match ? `v${match[1]}` : undefined;
}
