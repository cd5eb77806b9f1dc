// A rule is written once, in its file: what is derived from its meta is generated (`pnpm docs`),
// and each rule has the docs page it links to, in the fixed shape, and is listed by the registry.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY, staleFiles } from '../scripts/docs.js';
import { RULES } from '../src/rules/index.js';

const RULES_DIR = join(import.meta.dirname, '..', 'src', 'rules');
const DOCS = join(REPOSITORY, 'docs', 'rules');

it('generated files are up to date with the rules (run `pnpm docs` when this fails)', () => {
  expect(staleFiles()).toEqual([]);
});

it('the registry lists every rule file, under the id the file is named after', () => {
  const files = readdirSync(RULES_DIR).filter(
    (f) => f.endsWith('.ts') && f !== 'rule.ts' && f !== 'index.ts',
  );
  expect(
    RULES.map((r) => `${r.meta.id}.ts`).sort(),
    'list the rule in RULES (src/rules/index.ts); src/rules/<id>.ts exports one rule whose id is <id>',
  ).toEqual(files.sort());
});

describe.each(RULES.map((r) => r.meta))('docs/rules/$id.md', (meta) => {
  const path = join(DOCS, `${meta.id}.md`);

  it('exists, in the fixed shape: default severity, Why, Bad, Good, How to fix, Options, Notes', () => {
    expect(
      existsSync(path),
      `write docs/rules/${meta.id}.md (copy the shape of another rule's page)`,
    ).toBe(true);
    const page = readFileSync(path, 'utf8');
    expect(
      page.startsWith(`# ${meta.id}\n\nDefault severity: **${meta.defaultSeverity}**. `),
      `docs/rules/${meta.id}.md starts with "# ${meta.id}" and "Default severity: **${meta.defaultSeverity}**."`,
    ).toBe(true);
    expect(page.match(/^## .*$/gm)).toEqual([
      '## Why',
      '## Bad',
      '## Good',
      '## How to fix',
      '## Options',
      '## Notes',
    ]);
  });
});

it('has no page for a rule that does not exist', () => {
  const pages = readdirSync(DOCS).filter(
    (f) => f.endsWith('.md') && f !== 'README.md' && f !== 'actionlint.md',
  );
  expect(pages.sort()).toEqual(RULES.map((r) => `${r.meta.id}.md`).sort());
});
