import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseNotes, writeRootChangelog } from '../src/changelog.js';

let root: string;

function pkg(dir: string, name: string, changelog?: string): void {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, version: '1.1.0' }));
  if (changelog !== undefined) writeFileSync(join(root, dir, 'CHANGELOG.md'), changelog);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'doppio-changelog-'));
  // As changesets writes them, for a fixed group.
  pkg(
    'tools/policy-lint',
    '@doppio-dev/doppio-lint',
    '# @doppio-dev/doppio-lint\n\n## 1.1.0\n\n### Minor Changes\n\n- 1a2b3c4: `deploy-concurrency` reports shared groups.\n\n### Patch Changes\n\n- Updated dependencies\n  - @doppio-dev/x@1.1.0\n\n## 1.0.0\n\n### Major Changes\n\n- old entry\n',
  );
  pkg(
    'actions/ensure-image',
    '@doppio-dev/ensure-image',
    '# @doppio-dev/ensure-image\n\n## 1.1.0\n\n### Patch Changes\n\n- Updated dependencies\n  - @doppio-dev/doppio-lint@1.1.0\n',
  );
  pkg(
    'actions/slack-notify',
    '@doppio-dev/slack-notify',
    '# @doppio-dev/slack-notify\n\n## 1.1.0\n\n### Patch Changes\n\n- 5d6e7f8: Retries once on HTTP 429.\n',
  );
  pkg('test', '@doppio-dev/test');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the root CHANGELOG.md', () => {
  it("gathers the packages' entries of a version under its heading, newest first, without dependency-only noise", () => {
    writeFileSync(join(root, 'CHANGELOG.md'), '# Changelog\n\nIntro.\n\n## 1.0.0\n\n- old\n');
    writeRootChangelog(root, '1.1.0');
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toBe(
      '# Changelog\n\nIntro.\n\n## 1.1.0\n\n### @doppio-dev/doppio-lint\n\n#### Minor Changes\n\n- 1a2b3c4: `deploy-concurrency` reports shared groups.\n\n### @doppio-dev/slack-notify\n\n#### Patch Changes\n\n- 5d6e7f8: Retries once on HTTP 429.\n\n## 1.0.0\n\n- old\n',
    );
    // Writing it again replaces the section: idempotent.
    const once = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    writeRootChangelog(root, '1.1.0');
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toBe(once);
    expect(releaseNotes(root, '1.1.0')).toBe(
      '### @doppio-dev/doppio-lint\n\n#### Minor Changes\n\n- 1a2b3c4: `deploy-concurrency` reports shared groups.\n\n### @doppio-dev/slack-notify\n\n#### Patch Changes\n\n- 5d6e7f8: Retries once on HTTP 429.\n',
    );
  });

  it('starts the file when there is none, and refuses notes for a version it lacks', () => {
    writeRootChangelog(root, '1.1.0');
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toMatch(
      /^# Changelog\n[\s\S]*\n\n## 1\.1\.0\n\n### @doppio-dev\/doppio-lint\n/,
    );
    expect(() => releaseNotes(root, '9.9.9')).toThrow(/no section "## 9\.9\.9"/);
  });
});
