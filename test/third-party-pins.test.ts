// docs/third-party-actions.md is the one list of third-party pins: every `uses:` of another
// repository's action, in what runs and what is copied (workflows, templates, the example
// service, the test callers) and in every pinned example of the documentation, names exactly the
// commit and version listed there; and the inputs and outputs listed there are exactly the ones the
// workflows pass and read (what a stand-in for the action must provide).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const TABLE_FILE = 'docs/third-party-actions.md';
const TABLE = readFileSync(join(ROOT, TABLE_FILE), 'utf8');

/** The rows of the Markdown table under `## <heading>`, cells trimmed, header and rule dropped. */
function tableRows(heading: string): string[][] {
  const section = TABLE.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`${TABLE_FILE} has no section "## ${heading}"`);
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  return rows.slice(2);
}

interface Pin {
  version: string;
  commit: string;
  runtime: string;
}
const PINS = new Map<string, Pin>(
  tableRows('Pins').map(([action, version, commit, runtime]) => [
    action!,
    { version: version!, commit: commit!, runtime: runtime! },
  ]),
);

/** `` `a`, `b` `` or `—` → the set of names. */
const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort();
const USAGE = new Map(
  tableRows('What doppio passes and reads').map(([action, inputs, outputs]) => [
    action!,
    { inputs: names(inputs!), outputs: names(outputs!) },
  ]),
);

const tracked = (...patterns: string[]): string[] =>
  execFileSync('git', ['ls-files', '-z', '--', ...patterns], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);

/** What runs or is copied into a service repository. */
const WORKFLOW_FILES = tracked(
  '.github/workflows/*.yml',
  'workflows/templates/*.yml',
  'tools/policy-lint/templates/*.yml',
  'workflows/example-service/.github/workflows/*.yml',
  'test/callers/*.yml',
);
/** Documentation; the linter's fixture repositories are data under test, changelogs are history. */
const DOC_FILES = tracked('*.md').filter(
  (file) =>
    !/^tools\/policy-lint\/test\/(rules|bases)\/|(^|\/)CHANGELOG\.md$|^\.changeset\//.test(file),
);

/** Repositories whose references are not third-party: doppio itself, and the docs' made-up organisation. */
const NOT_THIRD_PARTY = /^(doppio-dev\/doppio|acme\/[^/]+)(\/|$)/;

interface Reference {
  where: string;
  action: string;
  ref: string;
  comment: string | undefined;
}

function references(file: string): Reference[] {
  const found: Reference[] = [];
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1(?:\s+#\s*(\S+))?/.exec(line);
      if (!match) return;
      const value = match[2]!;
      if (/^(\.\/|\$\/|docker:\/\/)/.test(value) || NOT_THIRD_PARTY.test(value)) return;
      const at = value.lastIndexOf('@');
      found.push({
        where: `${file}:${index + 1}`,
        action: value.slice(0, at),
        ref: value.slice(at + 1),
        comment: match[3],
      });
    });
  return found;
}

const workflowReferences = WORKFLOW_FILES.flatMap(references);
const docReferences = DOC_FILES.flatMap(references);

function expectListed(reference: Reference): void {
  const pin = PINS.get(reference.action);
  expect(
    pin,
    `${reference.where}: ${reference.action} is not in ${TABLE_FILE}: add it there (version, the commit its tag names, runtime)`,
  ).toBeDefined();
  expect(
    `${reference.ref} # ${reference.comment}`,
    `${reference.where}: pin ${reference.action} as ${TABLE_FILE} lists it`,
  ).toBe(`${pin!.commit} # ${pin!.version}`);
}

describe(TABLE_FILE, () => {
  it('lists each action once, at a release version, a full commit SHA and a known runtime', () => {
    const rows = tableRows('Pins');
    expect(new Set(rows.map(([action]) => action)).size).toBe(rows.length);
    for (const [action, pin] of PINS) {
      expect(pin.version, action).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(pin.commit, action).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.runtime, action).toMatch(/^(node\d+|composite|docker)$/);
    }
  });

  it('lists no action that nothing uses', () => {
    const used = new Set([...workflowReferences, ...docReferences].map((r) => r.action));
    expect([...PINS.keys()].filter((action) => !used.has(action))).toEqual([]);
  });
});

describe('third-party references', () => {
  it('finds the workflows and the documentation (the scan is real)', () => {
    expect(WORKFLOW_FILES).toContain('.github/workflows/build-push.yml');
    expect(WORKFLOW_FILES).toContain('workflows/example-service/.github/workflows/policy-lint.yml');
    expect(DOC_FILES).toContain('docs/migration.md');
    expect(workflowReferences.length).toBeGreaterThan(20);
  });

  it.each(WORKFLOW_FILES)(
    '%s: every one is pinned to the listed commit, with its version',
    (file) => {
      for (const reference of workflowReferences.filter((r) => r.where.startsWith(`${file}:`)))
        expectListed(reference);
    },
  );

  it('documentation: every example pinned to a commit names the listed commit and version', () => {
    // Examples of what not to do (`@v4`, `@main`, a short SHA) name no commit and are left as written.
    const pinned = docReferences.filter((r) => /^[0-9a-f]{40}$/.test(r.ref));
    expect(pinned.length).toBeGreaterThan(10);
    for (const reference of pinned) expectListed(reference);
  });

  it('every action a workflow runs is on node24 (or composite)', () => {
    for (const { action, where } of workflowReferences)
      expect(PINS.get(action)?.runtime, `${where}: ${action}`).toMatch(/^(node24|composite)$/);
  });
});

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** Per action: the `with:` keys the workflows pass, the outputs they read through `steps.<id>.outputs`. */
function usage(): Map<string, { inputs: Set<string>; outputs: Set<string> }> {
  const result = new Map<string, { inputs: Set<string>; outputs: Set<string> }>();
  for (const file of WORKFLOW_FILES) {
    const doc = parse(readFileSync(join(ROOT, file), 'utf8')) as {
      jobs?: Record<string, { steps?: Step[] }>;
    };
    for (const job of Object.values(doc.jobs ?? {})) {
      const text = JSON.stringify(job);
      for (const step of job.steps ?? []) {
        const action = step.uses?.slice(0, step.uses.lastIndexOf('@'));
        if (!action || !PINS.has(action)) continue;
        const entry = result.get(action) ?? {
          inputs: new Set<string>(),
          outputs: new Set<string>(),
        };
        for (const input of Object.keys(step.with ?? {})) entry.inputs.add(input);
        if (step.id)
          for (const read of text.matchAll(
            new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'),
          ))
            entry.outputs.add(read[1]!);
        result.set(action, entry);
      }
    }
  }
  return result;
}

describe('inputs passed and outputs read', () => {
  const used = usage();

  it('are listed for every action a workflow runs, and only for those', () => {
    expect([...USAGE.keys()].sort()).toEqual([...used.keys()].sort());
  });

  it.each([...used.keys()])(
    '%s: the lists are exactly what the workflows pass and read',
    (action) => {
      const listed = USAGE.get(action);
      const { inputs, outputs } = used.get(action)!;
      expect(
        listed,
        `${TABLE_FILE}: list ${action} under "What doppio passes and reads"`,
      ).toBeDefined();
      expect(listed!.inputs, `${action}: inputs`).toEqual([...inputs].sort());
      expect(listed!.outputs, `${action}: outputs`).toEqual([...outputs].sort());
    },
  );
});

interface RenovateConfig {
  'github-actions': { managerFilePatterns: string[] };
  customManagers: { managerFilePatterns: string[]; matchStrings: string[] }[];
}
const RENOVATE = JSON.parse(readFileSync(join(ROOT, 'renovate.json'), 'utf8')) as RenovateConfig;
/** Renovate's `/…/` file patterns as regular expressions. */
const filePattern = (pattern: string): RegExp => new RegExp(pattern.replace(/^\/(.*)\/$/, '$1'));

/** `depName@currentDigest # currentValue` of every match of Renovate's custom managers in a file. */
function renovateSees(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return RENOVATE.customManagers
    .filter((manager) =>
      manager.managerFilePatterns.some((pattern) => filePattern(pattern).test(file)),
    )
    .flatMap((manager) =>
      manager.matchStrings.flatMap((source) => [...text.matchAll(new RegExp(source, 'g'))]),
    )
    .map(
      ({ groups }) =>
        `${groups!['depName']}@${groups!['currentDigest']} # ${groups!['currentValue']}`,
    );
}

describe('renovate.json', () => {
  it(`reads every row of ${TABLE_FILE}`, () => {
    expect(renovateSees(TABLE_FILE).sort()).toEqual(
      [...PINS].map(([action, pin]) => `${action}@${pin.commit} # ${pin.version}`).sort(),
    );
  });

  it('reads every pinned example of the documentation', () => {
    for (const file of DOC_FILES.filter((f) => f !== TABLE_FILE)) {
      const pinned = docReferences.filter(
        (r) => r.where.startsWith(`${file}:`) && /^[0-9a-f]{40}$/.test(r.ref),
      );
      const seen = renovateSees(file);
      for (const { where, action, ref, comment } of pinned)
        expect(seen, where).toContain(`${action}@${ref} # ${comment}`);
    }
  });

  it('reads the version of every tool the CI scripts install', () => {
    const pins = tracked(
      '.ci/*',
      'test/e2e/install.sh',
      'tools/action-testing/src/moto-install.ts',
    ).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => /^(export const )?[A-Z_]+_VERSION ?= ?/.test(line))
        .map((line) => ({ file, line })),
    );
    // actionlint and zizmor (.ci/lint-workflows), act (the e2e install), moto (the tests' setup).
    expect(
      pins.map(({ line }) => line.replace(/ ?=.*/, '').replace('export const ', '')).sort(),
    ).toEqual(['ACTIONLINT_VERSION', 'ACT_VERSION', 'MOTO_VERSION', 'ZIZMOR_VERSION']);
    for (const { file, line } of pins) {
      const managers = RENOVATE.customManagers.filter((manager) =>
        manager.managerFilePatterns.some((pattern) => filePattern(pattern).test(file)),
      );
      expect(
        managers.some((manager) =>
          manager.matchStrings.some((source) => new RegExp(source).test(`${line}\n`)),
        ),
        `${file}: ${line}`,
      ).toBe(true);
    }
  });

  it('reads the templates with its GitHub Actions manager (its defaults cover .github/workflows/ and action.yml)', () => {
    const patterns = RENOVATE['github-actions'].managerFilePatterns.map(filePattern);
    for (const file of WORKFLOW_FILES.filter((f) => !/(^|\/)\.github\/workflows\//.test(f)))
      expect(
        patterns.some((p) => p.test(file)),
        file,
      ).toBe(true);
  });
});
