// Honest pins, proved on releases made in temporary repositories: every `@<sha> # vX.Y.Z` the
// release's tags hold, its notes print and its linter package records names the commit the tag
// vX.Y.Z points to.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinsSection, writePackagePin } from '../src/consumer-pins.js';
import { release } from '../src/release.js';
import { makeRepos, sh, tree, type Repos } from './support/repos.js';

let repos: Repos;
let clone: string;

beforeEach(() => {
  repos = makeRepos();
  clone = repos.clone;
});

afterEach(() => rmSync(repos.scratch, { recursive: true, force: true }));

const tagCommit = (name: string): string => sh(clone, ['rev-parse', `refs/tags/${name}^{commit}`]);

/** Every pin of this repository to a commit in a tree: where, the SHA, and its version comment. */
function selfPins(
  files: Map<string, string>,
): { where: string; sha: string; version: string | undefined }[] {
  const pins: { where: string; sha: string; version: string | undefined }[] = [];
  for (const [file, text] of files) {
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(
        /[\w-]+\/doppio\/(?:actions\/[\w.-]+|\.github\/workflows\/[\w.-]+)@([0-9a-f]{40})(?:\s+#\s*(v\d+\.\d+\.\d+\S*))?/g,
      )) {
        pins.push({ where: `${file}:${index + 1}`, sha: match[1]!, version: match[2] });
      }
    });
  }
  return pins;
}

/** Sets the linter package's version on main, as the merged "Version Packages" pull request does. */
function versionPackages(version: string): void {
  const file = join(clone, 'tools', 'policy-lint', 'package.json');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`),
  );
  sh(clone, ['commit', '--quiet', '-am', 'Version Packages']);
}

describe('the tags of a release', () => {
  it('hold no version comment on a pin that names another commit than its tag', () => {
    release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });
    versionPackages('1.1.0');
    release({ cwd: clone, version: '1.1.0', repository: 'doppio-dev/doppio' });

    for (const tag of ['v1.0.0', 'v1.1.0', 'v1']) {
      // The rule pages and the linter's fixtures show made-up release SHAs: data and illustrations
      // that doppio-release never reads, not pins anyone copies.
      const files = new Map(
        [...tree(clone, tag)].filter(
          ([file]) => !/^(docs\/rules|tools\/policy-lint\/test\/(rules|bases))\//.test(file),
        ),
      );
      const pins = selfPins(files);
      // The release pins every reference by SHA (templates, READMEs, reference docs, callers, workflows).
      expect(pins.length, tag).toBeGreaterThan(30);
      for (const { where, sha, version } of pins) {
        if (version !== undefined)
          expect(sha, `${tag}: ${where} says ${version}`).toBe(tagCommit(version));
      }
    }
  });
});

describe('the release notes', () => {
  it('pin every workflow and action the caller templates call to the commit the tag names', () => {
    expect(() => pinsSection(clone, 'doppio-dev/doppio', '1.0.0')).toThrow(
      /there is no tag v1\.0\.0 here/,
    );
    release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });

    const notes = pinsSection(clone, 'doppio-dev/doppio', '1.0.0');
    const pins = [...notes.matchAll(/^uses: doppio-dev\/doppio\/(\S+)@([0-9a-f]{40}) # (v\S+)$/gm)];
    const called = new Set(
      [...tree(clone, 'HEAD')]
        .filter(([file]) => file.startsWith('workflows/templates/'))
        .flatMap(([, text]) =>
          [...text.matchAll(/uses: doppio-dev\/doppio\/(\S+)@main/g)].map((m) => m[1]!),
        ),
    );
    expect(pins.map((m) => m[1]).sort()).toEqual([...called].sort());
    expect(called.size).toBeGreaterThanOrEqual(5);
    for (const [, path, sha, version] of pins) {
      expect(`${sha} # ${version}`).toBe(`${tagCommit('v1.0.0')} # v1.0.0`);
      // What the pin names exists in the tagged commit.
      sh(clone, [
        'cat-file',
        '-e',
        `${sha}:${path!.startsWith('actions/') ? `${path}/action.yml` : path}`,
      ]);
    }
  });
});

describe('the linter package built from the tag', () => {
  it('records the commit the tag names, for `doppio-lint init`', () => {
    versionPackages('1.0.0');
    release({ cwd: clone, version: '1.0.0', repository: 'doppio-dev/doppio' });
    // Not from main: the merge commit is not the release.
    expect(() => writePackagePin(clone, '1.0.0', 'tools/policy-lint')).toThrow(
      /HEAD is [0-9a-f]{12}, not v1\.0\.0 \([0-9a-f]{12}\): build the package from the tag's checkout/,
    );

    sh(clone, ['checkout', '--quiet', '--detach', 'v1.0.0']);
    const { file, pin } = writePackagePin(clone, '1.0.0', 'tools/policy-lint');
    expect(file).toBe('tools/policy-lint/dist/release.json');
    expect(JSON.parse(readFileSync(join(clone, file), 'utf8'))).toEqual({
      version: '1.0.0',
      commit: tagCommit('v1.0.0'),
    });
    expect(pin.commit).toBe(tagCommit('v1.0.0'));
  });

  it('refuses without the tag, and for a package of another version', () => {
    expect(() => writePackagePin(clone, '1.0.0', 'tools/policy-lint')).toThrow(
      /there is no tag v1\.0\.0 here/,
    );
    sh(clone, ['tag', 'v2.0.0']);
    expect(() => writePackagePin(clone, '2.0.0', 'tools/policy-lint')).toThrow(
      /tools\/policy-lint\/package\.json is version 0\.0\.0, not 2\.0\.0/,
    );
  });
});
