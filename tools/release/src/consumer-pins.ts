// The pins a service repository copies: `<repository>/<path>@<sha> # vX.Y.Z`, where the SHA is the
// commit the tag vX.Y.Z names. A commit cannot hold its own SHA, so no file of the release can
// carry such a pin; they are written once the tag exists: in the GitHub release's notes, and in the
// linter package built from the tag (what `doppio-lint init` writes). The release commits
// themselves pin by SHA without a version comment (release.ts), and `pin` refuses a version
// comment that its tag does not back (pin.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git } from './git.js';
import { scan } from './pin.js';
import { RefusedError, releaseCommit } from './tags.js';

/** Where the linter package records the release it was built from; `doppio-lint init` reads it. */
export const PACKAGE_PIN_FILE = 'dist/release.json';

export interface PackagePin {
  version: string;
  commit: string;
}

/**
 * Writes `<packageDir>/dist/release.json` = { version, commit of tag v<version> }, for a package
 * built from that tag's checkout (HEAD is the tag's commit, package.json says the version).
 */
export function writePackagePin(
  root: string,
  version: string,
  packageDir: string,
): { file: string; pin: PackagePin } {
  const commit = releaseCommit(root, version);
  if (!commit)
    throw new RefusedError(
      `there is no tag v${version} here: the package learns its release from the tag it is built from`,
    );
  const head = git(root, ['rev-parse', 'HEAD']);
  if (head !== commit)
    throw new RefusedError(
      `HEAD is ${head.slice(0, 12)}, not v${version} (${commit.slice(0, 12)}): build the package from the tag's checkout`,
    );
  const manifest = JSON.parse(readFileSync(join(root, packageDir, 'package.json'), 'utf8')) as {
    version?: string;
  };
  if (manifest.version !== version)
    throw new RefusedError(
      `${packageDir}/package.json is version ${manifest.version}, not ${version}`,
    );
  const file = join(packageDir, PACKAGE_PIN_FILE);
  const pin: PackagePin = { version, commit };
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), `${JSON.stringify(pin, null, 2)}\n`);
  return { file, pin };
}

/** Where the references a service repository copies live: the caller templates. */
const TEMPLATES = /^workflows\/templates\//;

/**
 * The release notes' "Pin this release" section: every workflow and action the caller templates
 * call, pinned to the commit the tag names, with its version.
 */
export function pinsSection(root: string, repository: string, version: string): string {
  const commit = releaseCommit(root, version);
  if (!commit)
    throw new RefusedError(
      `there is no tag v${version} here: the notes pin the commit it names (run them after \`release\`)`,
    );
  const paths = new Set(
    scan(root, repository)
      .filter(({ file }) => TEMPLATES.test(file))
      .flatMap(({ references }) => references.map((r) => r.path)),
  );
  const lines = [...paths]
    .sort()
    .map((path) => `uses: ${repository}/${path}@${commit} # v${version}`);
  return [
    '### Pin this release',
    '',
    `The commit \`v${version}\` names, as the caller templates use it (\`npx @doppio-dev/doppio-lint@${version} init\` writes these):`,
    '',
    '```yaml',
    ...lines,
    '```',
    '',
  ].join('\n');
}
