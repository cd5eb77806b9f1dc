// docs/migration.md lists, for each "before" snippet, the findings doppio-lint reports on it: lint
// the snippets as written and compare, so the guide cannot claim what the linter does not say.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import { afterAll, expect, it } from 'vitest';

const GUIDE = readFileSync(join(import.meta.dirname, '..', 'docs', 'migration.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'doppio-migration-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const befores = new Map<string, Record<string, string>>();
for (const [, name, path, text] of GUIDE.matchAll(
  /<!-- before: (\S+) (\S+) -->\n```\w*\n([\s\S]*?)```/g,
)) {
  befores.set(name!, { ...befores.get(name!), [path!]: text! });
}
const claimed = new Map(
  [...GUIDE.matchAll(/<!-- findings: (\S+) -->\n```text\n([\s\S]*?)```/g)].map(([, name, text]) => [
    name!,
    text!
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).join(' ')),
  ]),
);

it('has four setups, each with its findings', () => {
  expect([...befores.keys()]).toEqual([
    'per-environment-builds',
    'latest-tags',
    'aws-actions-ecs-deploy',
    'conclusion-and-slack',
  ]);
  expect([...claimed.keys()]).toEqual([...befores.keys()]);
});

it.each([...befores.keys()])(
  '%s: the findings listed are exactly what doppio-lint reports',
  async (name) => {
    const root = join(scratch, name);
    for (const [path, text] of Object.entries(befores.get(name)!)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const report = await lint({ paths: [root], cwd: root, actionlint: 'auto' });
    expect(
      report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`),
    ).toEqual(claimed.get(name));
  },
);
