// Every rule's cases, as data (after actionlint's testdata and zizmor's snapshots): each case under
// test/rules/<rule-id>/<case>/ is a repository (see test/rules/README.md), `expected.out` the whole
// report doppio-lint gives on it — summary, positions with end positions, severities, messages,
// what is fixable — and, when something is, what remains after `--fix`; `fixed/` holds the bytes
// `--fix` writes, file for file. `DOPPIO_UPDATE_SNAPSHOTS=1` rewrites them when a change is meant
// (`pnpm --filter ./tools/policy-lint run test:update`); read the diff before committing it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import type { FixLookups, Report } from '../src/model/types.js';
import { RULES } from '../src/rules/index.js';
import { caseFiles, readTree, RULE_CASES, ruleCases, type RuleCase } from './support/cases.js';
import { scratch } from './support/repos.js';

const UPDATE = process.env['DOPPIO_UPDATE_SNAPSHOTS'] === '1';
const UPDATE_HINT =
  'if the change is meant, run `pnpm --filter ./tools/policy-lint run test:update` and review the diff';

const repositories = scratch('rules');
afterAll(() => repositories.remove());

/** pinned-actions' fix asks GitHub for the commit of a ref: here every ref has a made-up one. */
const lookups: FixLookups = {
  commitSha: async (repository, ref) => ({
    sha: createHash('sha1').update(`${repository}@${ref}`).digest('hex'),
  }),
};

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A report as text: a summary line, then one line per finding. */
function reportText(report: Report, command: string): string {
  const { files, errors, warnings } = report.summary;
  const lines = [
    `# ${command}: ${plural(files, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  ];
  for (const f of report.findings) {
    const message = f.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
    lines.push(
      `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId}${f.fixable ? ' (fixable)' : ''}: ${message}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Outcome {
  readonly report: Report;
  readonly expected: string;
  /** Files --fix changed, by path, as it wrote them. */
  readonly fixed: Record<string, Buffer>;
}

const outcomes = new Map<string, Outcome>();

async function run(ruleCase: RuleCase): Promise<Outcome> {
  const files = caseFiles(ruleCase);
  const root = repositories.repo(files);
  const report = await lint({ paths: [root], cwd: root, actionlint: 'off' });
  let expected = reportText(report, 'doppio-lint --no-actionlint');
  const fixed: Record<string, Buffer> = {};
  if (report.findings.some((f) => f.fixable)) {
    const after = await lint({ paths: [root], cwd: root, actionlint: 'off', fix: { lookups } });
    expected += reportText(after, 'doppio-lint --no-actionlint --fix');
    for (const [path, bytes] of Object.entries(readTree(root)))
      if (!Buffer.from(files[path]!).equals(bytes)) fixed[path] = bytes;
  }
  const outcome = { report, expected, fixed };
  outcomes.set(`${ruleCase.rule}/${ruleCase.name}`, outcome);
  return outcome;
}

function update(ruleCase: RuleCase, { expected, fixed }: Outcome): void {
  writeFileSync(join(ruleCase.dir, 'expected.out'), expected);
  rmSync(join(ruleCase.dir, 'fixed'), { recursive: true, force: true });
  for (const [path, bytes] of Object.entries(fixed)) {
    mkdirSync(dirname(join(ruleCase.dir, 'fixed', path)), { recursive: true });
    writeFileSync(join(ruleCase.dir, 'fixed', path), bytes);
  }
}

const cases = ruleCases();

describe.each(cases)('$rule/$name', (ruleCase) => {
  it('reports what expected.out says, and --fix writes what fixed/ holds', async () => {
    const outcome = await run(ruleCase);
    if (UPDATE) update(ruleCase, outcome);
    const where = `test/rules/${ruleCase.rule}/${ruleCase.name}`;
    const expectedPath = join(ruleCase.dir, 'expected.out');
    expect(existsSync(expectedPath), `${where} has no expected.out: ${UPDATE_HINT}`).toBe(true);
    expect(outcome.expected, `${where}/expected.out differs from the report: ${UPDATE_HINT}`).toBe(
      readFileSync(expectedPath, 'utf8'),
    );
    const committed = readTree(join(ruleCase.dir, 'fixed'));
    expect(
      Object.keys(outcome.fixed).sort(),
      `${where}/fixed/ holds other files than --fix changes: ${UPDATE_HINT}`,
    ).toEqual(Object.keys(committed).sort());
    for (const [path, bytes] of Object.entries(outcome.fixed)) {
      expect(
        bytes.toString('latin1'),
        `${where}/fixed/${path} differs from what --fix writes: ${UPDATE_HINT}`,
      ).toBe(committed[path]!.toString('latin1'));
    }
  });

  it('says what its name says: good- reports nothing, bad- its rule at its default severity, warn- a warning of its rule', async () => {
    const { report } = outcomes.get(`${ruleCase.rule}/${ruleCase.name}`) ?? (await run(ruleCase));
    const kind = /^(good|bad|warn)-/.exec(ruleCase.name)?.[1];
    expect(kind, `name the case good-…, bad-… or warn-…`).toBeDefined();
    const severities = report.findings
      .filter((f) => f.ruleId === ruleCase.rule)
      .map((f) => f.severity);
    if (kind === 'good') expect(report.findings).toEqual([]);
    else
      expect(severities).toContain(
        kind === 'warn'
          ? 'warn'
          : RULES.find((r) => r.meta.id === ruleCase.rule)?.meta.defaultSeverity,
      );
  });
});

describe('the cases', () => {
  it('cover every rule, with a good case and a bad or warn one, and nothing else', () => {
    const folders = readdirSync(RULE_CASES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort(), 'every folder of test/rules/ is named after a rule').toEqual(
      RULES.map((r) => r.meta.id).sort(),
    );
    for (const rule of RULES) {
      const names = cases.filter((c) => c.rule === rule.meta.id).map((c) => c.name);
      expect(
        names.some((n) => n.startsWith('good-')),
        `test/rules/${rule.meta.id}/ needs a good-… case`,
      ).toBe(true);
      expect(
        names.some((n) => /^(bad|warn)-/.test(n)),
        `test/rules/${rule.meta.id}/ needs a bad-… or warn-… case`,
      ).toBe(true);
    }
  });

  it('say every message of every rule at least once', async () => {
    for (const ruleCase of cases)
      if (!outcomes.has(`${ruleCase.rule}/${ruleCase.name}`)) await run(ruleCase);
    const said = [...outcomes.values()].flatMap((o) => o.report.findings);
    const unsaid = RULES.flatMap((rule) =>
      Object.entries(rule.meta.messages)
        .filter(([, template]) => {
          const pattern = new RegExp(
            `^${template
              .split(/\{[A-Za-z]\w*\}/)
              .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('[^]*')}$`,
          );
          return !said.some((f) => f.ruleId === rule.meta.id && pattern.test(f.message));
        })
        .map(([id]) => `${rule.meta.id}/${id}`),
    );
    expect(unsaid, 'messages no case reports: add a case that shows each').toEqual([]);
  });
});
