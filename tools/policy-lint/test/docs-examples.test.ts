// The Bad and Good examples of docs/rules/<id>.md are linted (after eslint's check-rule-examples):
// a Bad example must make its rule report, a Good one must not, and a line of a Bad example that
// ends in a `# error …` or `# warn …` comment must get a finding of the rule there, of that
// severity. Each example block is preceded by a comment that says how to lint it:
//
//   <!-- example: { path: .github/workflows/deploy.yml, wrap: steps, base: [two-environments] } -->
//
// - path: the file the block is (default: a workflow for yaml, `scripts/example.sh` for sh);
// - wrap: `steps` (a list of steps: put in a job of a workflow), `jobs` (jobs: put in a workflow),
//   `run` (a script: the `run:` of a step), `trigger` (the `on:` of a workflow that deploys to
//   production), `container` (a container definition: put in a task definition);
// - base: folders of test/bases/ the repository starts from;
// - run: a command a workflow step runs (for a Makefile or a script the block is);
// - group: blocks of one section with the same group are one repository;
// - skip: why the block is not an input to lint (an output, say).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPOSITORY } from '../scripts/docs.js';
import { lint } from '../src/engine/lint.js';
import type { Finding } from '../src/model/types.js';
import { BASES, readTree } from './support/cases.js';
import { scratch } from './support/repos.js';

const DOCS = join(REPOSITORY, 'docs', 'rules');

interface Annotation {
  readonly path?: string;
  readonly wrap?: keyof typeof WRAPS;
  readonly base?: readonly string[];
  readonly run?: string;
  readonly group?: string;
  readonly skip?: string;
}

interface Example {
  readonly page: string;
  readonly section: 'Bad' | 'Good';
  /** 1-based line of the opening fence in the page. */
  readonly line: number;
  readonly language: string;
  readonly text: string;
  readonly annotation: Annotation | undefined;
}

/** The fenced blocks of the Bad and Good sections of a page, with the comment before each. */
function examplesOf(page: string): Example[] {
  const lines = readFileSync(join(DOCS, page), 'utf8').split('\n');
  const examples: Example[] = [];
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.*)$/.exec(lines[i]!);
    if (heading) section = heading[1];
    const fence = /^```(\w*)$/.exec(lines[i]!);
    if (!fence) continue;
    const close = lines.indexOf('```', i + 1);
    if (section === 'Bad' || section === 'Good') {
      const comment = /^<!-- example: (.*) -->$/.exec(lines[i - 1] ?? '');
      examples.push({
        page,
        section,
        line: i + 1,
        language: fence[1]!,
        text: lines.slice(i + 1, close).join('\n'),
        annotation: comment ? (parse(comment[1]!) as Annotation) : undefined,
      });
    }
    i = close;
  }
  return examples;
}

const DEPLOY_TO_PRODUCTION =
  'jobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: ecspresso deploy --config .ecspresso/production/config.yaml\n';

/** How each wrap puts a block in a file: text before it, after it, and the indentation it gets. */
const WRAPS = {
  steps: {
    before: 'on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n',
    after: '',
    indent: '',
  },
  jobs: { before: 'on: push\njobs:\n', after: '', indent: '' },
  run: {
    before: 'on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n',
    after: '',
    indent: '          ',
  },
  trigger: { before: '', after: DEPLOY_TO_PRODUCTION, indent: '' },
  container: {
    before: '{ "family": "web", "containerDefinitions": [\n',
    after: ']}\n',
    indent: '',
  },
} as const;

interface Placed {
  readonly path: string;
  readonly text: string;
  /** Lines the wrap put before the block. */
  readonly offset: number;
}

function place(example: Example): Placed {
  const { path, wrap } = example.annotation ?? {};
  const file =
    path ??
    (example.language === 'sh' && wrap === undefined
      ? 'scripts/example.sh'
      : '.github/workflows/example.yml');
  const text = `${example.text}\n`;
  if (wrap === undefined) return { path: file, text, offset: 0 };
  const { before, after, indent } = WRAPS[wrap];
  return {
    path: file,
    text: `${before}${text.replace(/^(?=.)/gm, indent)}${after}`,
    offset: before.split('\n').length - 1,
  };
}

const pages = readdirSync(DOCS)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
const examples = pages.flatMap(examplesOf);
const repositories = scratch('docs-examples');
afterAll(() => repositories.remove());

/** The examples linted together: one per block, or one per group of a section. */
const units = new Map<string, Example[]>();
for (const example of examples) {
  const key = example.annotation?.group
    ? `${example.page}#${example.section}#${example.annotation.group}`
    : `${example.page}:${example.line}`;
  units.set(key, [...(units.get(key) ?? []), example]);
}
const linted = [...units.values()]
  .filter((unit) => unit[0]!.annotation !== undefined && unit[0]!.annotation.skip === undefined)
  .map((unit) => ({ name: `${unit[0]!.page}:${unit[0]!.line}`, unit }));

it('every Bad and Good block says how to lint it', () => {
  const missing = examples
    .filter((e) => e.annotation === undefined)
    .map((e) => `docs/rules/${e.page}:${e.line}`);
  expect(
    missing,
    'put `<!-- example: { … } -->` on the line before each (see the comment at the top of this test)',
  ).toEqual([]);
});

describe.each(linted)('docs/rules/$name', ({ unit }) => {
  const [first] = unit;
  const rule = first!.page === 'actionlint.md' ? 'actionlint/' : first!.page.replace(/\.md$/, '');
  const own = (f: Finding): boolean =>
    rule.endsWith('/') ? f.ruleId.startsWith(rule) : f.ruleId === rule;

  it(`${first!.section === 'Bad' ? 'makes its rule report, on every marked line' : 'does not make its rule report'} (line ${first!.line})`, async () => {
    const files: Record<string, string | Buffer> = {};
    for (const base of unit.flatMap((e) => e.annotation?.base ?? []))
      Object.assign(files, readTree(join(BASES, base)));
    const placed = unit.map(place);
    for (const p of placed) files[p.path] = p.text;
    for (const command of unit.flatMap((e) => e.annotation?.run ?? []))
      files['.github/workflows/run.yml'] =
        `on: push\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n`;
    const root = repositories.repo(files);
    const report = await lint({
      paths: [root],
      cwd: root,
      actionlint: rule === 'actionlint/' ? 'auto' : 'off',
    });
    const findings = report.findings.filter(own);
    const where = `docs/rules/${first!.page}:${first!.line}`;
    if (first!.section === 'Good') {
      expect(
        findings.map((f) => `${f.file}:${f.line} ${f.message}`),
        `${where}: a Good example`,
      ).toEqual([]);
      return;
    }
    expect(findings.length, `${where}: a Bad example reports nothing of ${rule}`).toBeGreaterThan(
      0,
    );
    const unmarked: string[] = [];
    unit.forEach((example, index) => {
      const { path, offset } = placed[index]!;
      example.text.split('\n').forEach((text, i) => {
        const marker = /#\s*(error|warn)\b/.exec(text)?.[1];
        if (marker === undefined) return;
        const line = offset + i + 1;
        if (
          !findings.some(
            (f) => f.file === path && f.line <= line && line <= f.endLine && f.severity === marker,
          )
        )
          unmarked.push(
            `line ${example.line + 1 + i} (\`${text.trim()}\`): no ${marker} of ${rule}`,
          );
      });
    });
    expect(
      unmarked,
      `${where}: found ${findings.map((f) => `${f.file}:${f.line} ${f.severity}`).join(', ')}`,
    ).toEqual([]);
  });
});
