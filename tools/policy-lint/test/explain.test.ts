// `doppio-lint --explain <rule>` prints the rule's page from the copy the package ships, and the
// package really ships it (`npm pack`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { explainRule, rulePagesDirectory } from '../src/explain/rule-page.js';
import { RULE_IDS } from '../src/rules/index.js';
import { docsUrl } from '../src/rules/rule.js';
import { captureConsole } from './support/console.js';
import { scratch } from './support/repos.js';

const PACKAGE = join(import.meta.dirname, '..');
const RULE_PAGES = join(PACKAGE, '..', '..', 'docs', 'rules');

const io = captureConsole();
const dirs = scratch('explain');
afterAll(() => dirs.remove());

describe('--explain', () => {
  it("prints the rule's page, without the HTML comments, then its address", async () => {
    expect(await main(['--explain', 'pinned-actions'])).toBe(0);
    expect(io.err).toBe('');
    expect(io.out).toMatch(/^# pinned-actions\n\nDefault severity: \*\*error\*\*\./);
    expect(io.out).toContain('\n## How to fix\n');
    expect(io.out).not.toContain('<!--');
    expect(io.out.endsWith(`\n\n${docsUrl('pinned-actions')}\n`)).toBe(true);
  });

  it("prints actionlint's page for any actionlint kind, and for `actionlint`", async () => {
    expect(await main(['--explain', 'actionlint/runner-label'])).toBe(0);
    expect(io.out).toMatch(/^# `actionlint\/<kind>`\n/);
    const kind = io.out;
    expect(await main(['--explain', 'actionlint'])).toBe(0);
    expect(io.out).toBe(kind + kind);
  });

  it('reads every page from the copy the build makes of docs/rules (rebuild: pnpm build)', () => {
    const shipped = rulePagesDirectory();
    expect(readdirSync(shipped).sort()).toEqual(readdirSync(RULE_PAGES).sort());
    for (const name of readdirSync(RULE_PAGES))
      expect(readFileSync(join(shipped, name), 'utf8'), `dist/rules/${name} is stale`).toBe(
        readFileSync(join(RULE_PAGES, name), 'utf8'),
      );
  });
});

describe('the npm package', () => {
  it('ships every rule page, the templates and the README', () => {
    // --ignore-scripts: pack the files as they are (prepack would rebuild them first).
    const out = dirs.repo({});
    const pack = spawnSync(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', out],
      {
        cwd: PACKAGE,
        encoding: 'utf8',
      },
    );
    expect(pack.status, pack.stderr).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const untar = spawnSync('tar', ['-xzf', join(out, filename), '-C', out], { encoding: 'utf8' });
    expect(untar.status, untar.stderr).toBe(0);
    const unpacked = join(out, 'package');
    for (const id of RULE_IDS)
      expect(explainRule(id, rulePagesDirectory(unpacked))).toMatch(new RegExp(`^# ${id}\n`));
    expect(explainRule('actionlint', rulePagesDirectory(unpacked))).toMatch(/^# `actionlint/);
    expect(readdirSync(join(unpacked, 'templates')).sort()).toEqual([
      'policy-lint.yml',
      'production.yml',
      'rollback.yml',
      'staging.yml',
    ]);
    const readme = readFileSync(join(unpacked, 'README.md'), 'utf8');
    for (const topic of ['doppio-lint init', 'actions/policy-lint', 'Exit status', '--explain'])
      expect(readme, `the package README covers ${topic}`).toContain(topic);
  });
});
