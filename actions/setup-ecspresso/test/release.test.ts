import { describe, expect, it } from 'vitest';
import {
  assetName,
  DEFAULT_BASE_URL,
  expectedChecksum,
  normaliseBaseUrl,
  parseChecksums,
  parseVersion,
  platformOf,
  releaseFiles,
  reportedVersion,
} from '../src/release.js';

describe('parseVersion', () => {
  it.each([
    ['v2.8.7', 'v2.8.7', '2.8.7'],
    ['2.8.7', 'v2.8.7', '2.8.7'],
    [' v1.7.5 ', 'v1.7.5', '1.7.5'],
    ['v2.0.0-beta.1', 'v2.0.0-beta.1', '2.0.0-beta.1'],
  ])('%j → tag %s, file-name version %s', (input, tag, number) => {
    expect(parseVersion(input)).toEqual({ tag, number });
  });

  it('refuses latest, saying doppio installs fixed versions', () => {
    for (const input of ['latest', 'Latest', ' LATEST ']) {
      expect(() => parseVersion(input)).toThrow(
        'ecspresso version `latest` is not allowed: doppio installs a fixed, tested ecspresso version',
      );
    }
  });

  it.each(['', 'v2', '2.8', '^2.8.7', '2.x', '>=2.8.0', 'v2.8.7.1', 'main'])(
    'refuses %j as not one release',
    (input) => {
      expect(() => parseVersion(input)).toThrow(
        `ecspresso version ${JSON.stringify(input)} is not one release`,
      );
    },
  );

  it('refuses v0, whose downloads are named differently', () => {
    expect(() => parseVersion('v0.18.0')).toThrow('ecspresso v0.18.0 is a v0 release');
  });
});

describe('platformOf', () => {
  it.each([
    ['linux', 'x64', { os: 'linux', arch: 'amd64', nodeArch: 'x64' }],
    ['linux', 'arm64', { os: 'linux', arch: 'arm64', nodeArch: 'arm64' }],
    ['darwin', 'x64', { os: 'darwin', arch: 'amd64', nodeArch: 'x64' }],
    ['darwin', 'arm64', { os: 'darwin', arch: 'arm64', nodeArch: 'arm64' }],
  ])('%s/%s', (platform, arch, expected) => {
    expect(platformOf(platform, arch)).toEqual(expected);
  });

  it.each([
    ['win32', 'x64'],
    ['linux', 'ia32'],
    ['linux', 'arm'],
    ['freebsd', 'x64'],
  ])('refuses %s/%s, naming what is supported', (platform, arch) => {
    expect(() => platformOf(platform, arch)).toThrow(
      `setup-ecspresso does not support this runner (${platform}/${arch}): it installs ecspresso on linux/amd64, linux/arm64, darwin/amd64, darwin/arm64 runners.`,
    );
  });
});

describe('release file names (GoReleaser defaults of kayac/ecspresso v2)', () => {
  const v287 = parseVersion('v2.8.7');

  it('names the archive without the v, os and arch as Go spells them, tar.gz', () => {
    expect(assetName(v287, platformOf('linux', 'x64'))).toBe('ecspresso_2.8.7_linux_amd64.tar.gz');
    expect(assetName(v287, platformOf('linux', 'arm64'))).toBe(
      'ecspresso_2.8.7_linux_arm64.tar.gz',
    );
    expect(assetName(parseVersion('2.8.7'), platformOf('darwin', 'arm64'))).toBe(
      'ecspresso_2.8.7_darwin_arm64.tar.gz',
    );
  });

  it('downloads from <base>/<tag>/ with the tag keeping its v, and checksums.txt beside the archive', () => {
    expect(releaseFiles(DEFAULT_BASE_URL, v287, platformOf('linux', 'x64'))).toEqual({
      asset: 'ecspresso_2.8.7_linux_amd64.tar.gz',
      archiveUrl:
        'https://github.com/kayac/ecspresso/releases/download/v2.8.7/ecspresso_2.8.7_linux_amd64.tar.gz',
      checksumsUrl: 'https://github.com/kayac/ecspresso/releases/download/v2.8.7/checksums.txt',
      releasesPage: 'https://github.com/kayac/ecspresso/releases',
    });
  });

  it('tolerates trailing slashes on the base URL', () => {
    expect(
      releaseFiles('https://127.0.0.1:8080/mirror//', v287, platformOf('linux', 'arm64'))
        .archiveUrl,
    ).toBe('https://127.0.0.1:8080/mirror/v2.8.7/ecspresso_2.8.7_linux_arm64.tar.gz');
  });

  it('refuses a base URL that is not https', () => {
    expect(() => normaliseBaseUrl('releases')).toThrow('base-url "releases" is not a URL');
    expect(() => normaliseBaseUrl('file:///tmp/releases')).toThrow(
      'base-url "file:///tmp/releases" must be an https URL',
    );
    expect(() => normaliseBaseUrl('http://mirror.example/releases')).toThrow(
      'base-url "http://mirror.example/releases" must be an https URL',
    );
  });
});

describe('checksums.txt', () => {
  // The v2.8.7 SHA-256 sums that kayac/homebrew-tap's formula pins for these assets, written as
  // GoReleaser writes checksums.txt lines (`<hex>  <name>`).
  const published = [
    '8c26a9d293cb0c29242e0ce9fbed0504368085f9d1fd33233a8ba568a210efb2  ecspresso_2.8.7_darwin_arm64.tar.gz',
    'cccb957dd5eae513e329dcb1c2a6add7d9a6b4bf8b19d0e42535c9a9fa9086ed  ecspresso_2.8.7_darwin_amd64.tar.gz',
    '88e9573b48b020db810e458ee6cff16b54061f984c573f940da4d6408eb38d82  ecspresso_2.8.7_linux_amd64.tar.gz',
    '70b50006b4a9507112e14e72b45cabc2ccefa32b5a88bb4084d8026883a500cb  ecspresso_2.8.7_linux_arm64.tar.gz',
    '',
  ].join('\n');
  const v287 = parseVersion('v2.8.7');

  it('finds the sum of the asset for each platform', () => {
    expect(
      expectedChecksum(published, releaseFiles(DEFAULT_BASE_URL, v287, platformOf('linux', 'x64'))),
    ).toBe('88e9573b48b020db810e458ee6cff16b54061f984c573f940da4d6408eb38d82');
    expect(
      expectedChecksum(
        published,
        releaseFiles(DEFAULT_BASE_URL, v287, platformOf('linux', 'arm64')),
      ),
    ).toBe('70b50006b4a9507112e14e72b45cabc2ccefa32b5a88bb4084d8026883a500cb');
  });

  it('reads binary-mode names, CRLF and upper-case hex, and skips lines that are not sums', () => {
    const sums = parseChecksums(
      `# comment\r\n${'AB'.repeat(32)} *a.tar.gz\r\nnot a sum\r\n${'cd'.repeat(32)}  b.tar.gz\r\n`,
    );
    expect([...sums]).toEqual([
      ['a.tar.gz', 'ab'.repeat(32)],
      ['b.tar.gz', 'cd'.repeat(32)],
    ]);
  });

  it('refuses to go on when the asset is not listed', () => {
    const files = releaseFiles(DEFAULT_BASE_URL, v287, platformOf('linux', 'x64'));
    expect(() =>
      expectedChecksum(
        published
          .split('\n')
          .filter((line) => !line.includes('linux_amd64'))
          .join('\n'),
        files,
      ),
    ).toThrow(
      'https://github.com/kayac/ecspresso/releases/download/v2.8.7/checksums.txt lists no SHA-256 for ecspresso_2.8.7_linux_amd64.tar.gz, so it cannot be verified and was not installed.',
    );
  });
});

describe('reportedVersion', () => {
  it.each([
    ['ecspresso v2.5.0\n', 'v2.5.0'],
    ['ecspresso 2.8.7', 'v2.8.7'],
    ['ecspresso v2.6.0-rc1', 'v2.6.0-rc1'],
    ['ecspresso (devel)', undefined],
  ])('%j → %s', (printed, version) => {
    expect(reportedVersion(printed)).toBe(version);
  });
});
