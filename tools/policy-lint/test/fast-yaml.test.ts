// The fast workflow parser must agree with `yaml` wherever it answers: the same rows as the table of
// `yaml`'s document — values, kinds and positions (a block scalar may end before trailing lines of
// spaces that `yaml` takes in) — and the same document when `yaml`'s nodes are built from them. It
// must also answer for nearly every real workflow, or it is not the fast path it claims.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit, type Document } from 'yaml';
import { ensureCorpus } from '../bench/corpus.js';
import { parseWorkflowYaml } from '../src/parse/fast-yaml.js';
import { SCALAR, tableOf, toDocument, YamlTable } from '../src/parse/yaml-table.js';

function positions(doc: Document): string[] {
  const out: string[] = [];
  visit(doc, {
    Scalar: (_k, n) =>
      void out.push(
        `scalar ${n.range?.[0]}-${n.type?.startsWith('BLOCK') ? '' : n.range?.[1]} ${n.type}`,
      ),
    Map: (_k, n) => void out.push(`map ${n.range?.[0]} ${n.flow ? 'flow' : 'block'}`),
    Seq: (_k, n) => void out.push(`seq ${n.range?.[0]} ${n.flow ? 'flow' : 'block'}`),
    Alias: (_k, n) => void out.push(`alias ${n.range?.[0]} ${n.source}`),
  });
  return out;
}

/** The rows as `positions` sees nodes: a collection's start, a scalar's range and value. */
function rows(table: YamlTable): string[] {
  return Array.from({ length: table.length }, (_, row) => {
    const where = `${table.kind(row)} ${table.start(row)} ${table.after(row)}`;
    if (table.kind(row) !== SCALAR) return where;
    const style = table.style(row);
    const end = style.startsWith('BLOCK') ? '' : table.end(row);
    return `${where}-${end} ${style} ${JSON.stringify(table.value(row))}`;
  });
}

function compare(text: string): 'agrees' | 'declined' {
  const fast = new YamlTable('');
  if (parseWorkflowYaml(text, fast) === undefined) return 'declined';
  const reference = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (reference.errors.length > 0) return 'agrees'; // `yaml` is stricter than GitHub's parser on a few files
  expect(rows(fast)).toEqual(rows(tableOf(reference, text, new YamlTable(''))));
  const rebuilt = toDocument(fast);
  expect(rebuilt.toJS()).toEqual(reference.toJS());
  expect(positions(rebuilt)).toEqual(positions(reference));
  return 'agrees';
}

it('agrees with yaml on hand-picked shapes', () => {
  const samples = [
    'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          echo hi\n\n        if: x\n      - uses: a/b@v1\n',
    'on:\n  push:\n  pull_request: # every PR\njobs: {a: {runs-on: [self-hosted, linux], steps: [{run: "echo \\"hi\\""}]}}\n',
    "x: &anchor\n  a: 1\nz: >-\n  folded\n  text\nw: 'single'\nv: ~\n",
    'matrix:\n  include:\n    - os: ubuntu\n      node: 20\n    - >-\n      a folded\n      item\n',
    'a:\r\n  b: c\r\n  d:\r\n    - e\r\n',
    "include:\n  - {name: Linux, python: '3.9'}\n  - [a, {b: 1}]\n  - &x {c: [1, 2]}\n",
    'env:\n  A: !\n  B: ! \n  C:\n',
    '# nothing but a comment\n',
    '',
    '~\n',
  ];
  for (const sample of samples) expect(compare(sample), sample).toBe('agrees');
});

it('leaves a document with an alias to `yaml`, which also stops alias bombs', () => {
  expect(compare('x: &anchor\n  a: 1\ny: *anchor\n')).toBe('declined');
  expect(compare('include:\n  - &x {c: [1, 2]}\n  - *x\n')).toBe('declined');
});

const corpus = ensureCorpus();

describe.skipIf(corpus === undefined)('the real-world corpus', () => {
  it('agrees with yaml on every workflow it answers for, and answers for nearly all', () => {
    const dir = join(corpus!, '.github', 'workflows');
    const files = readdirSync(dir);
    const declined = files.filter(
      (f) => compare(readFileSync(join(dir, f), 'utf8')) === 'declined',
    );
    expect(declined.length).toBeLessThan(files.length * 0.01);
  });
});
