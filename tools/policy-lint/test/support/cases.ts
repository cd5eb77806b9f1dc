// The rule cases under test/rules/<rule-id>/<case>/ (see test/rules/README.md): each is a small
// service repository built from shared bases (test/bases/<name>/) or a sibling case, plus its own
// files; `expected.out` is what doppio-lint reports on it, and `fixed/` what `--fix` writes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { RepoFiles } from './arbitraries.js';

export const RULE_CASES = join(import.meta.dirname, '..', 'rules');
export const BASES = join(import.meta.dirname, '..', 'bases');

export interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly dir: string;
}

/** Every case, rule by rule, in name order. */
export function ruleCases(): RuleCase[] {
  return subdirectories(RULE_CASES).flatMap((rule) =>
    subdirectories(join(RULE_CASES, rule)).map((name) => ({
      rule,
      name,
      dir: join(RULE_CASES, rule, name),
    })),
  );
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every file under `dir`, by `/`-separated path from it, as bytes. */
export function readTree(dir: string): Record<string, Buffer> {
  if (!existsSync(dir)) return {};
  const files: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split('\\').join('/')] = readFileSync(path);
  }
  return files;
}

/** `case.yml`: the bases a case starts from, or the sibling case it extends. */
interface CaseManifest {
  readonly base: readonly string[];
  readonly extends: string | undefined;
}

function manifestOf(ruleCase: RuleCase): CaseManifest {
  const path = join(ruleCase.dir, 'case.yml');
  if (!existsSync(path)) return { base: [], extends: undefined };
  const where = relative(RULE_CASES, path);
  const data = parse(readFileSync(path, 'utf8')) as unknown;
  const valid =
    typeof data === 'object' &&
    data !== null &&
    Object.keys(data).every((key) => key === 'base' || key === 'extends') &&
    Object.keys(data).length === 1 &&
    (!('base' in data) ||
      (Array.isArray(data.base) && data.base.every((b) => typeof b === 'string'))) &&
    (!('extends' in data) || typeof data.extends === 'string');
  if (!valid)
    throw new Error(
      `${where}: write either \`base: [<name>, …]\` (folders of test/bases/) or \`extends: <case>\` (a case of the same rule)`,
    );
  const manifest = data as { base?: string[]; extends?: string };
  for (const base of manifest.base ?? []) {
    if (!statSync(join(BASES, base), { throwIfNoEntry: false })?.isDirectory())
      throw new Error(`${where}: no base \`${base}\` in test/bases/`);
  }
  if (
    manifest.extends !== undefined &&
    !existsSync(join(RULE_CASES, ruleCase.rule, manifest.extends))
  ) {
    throw new Error(`${where}: no case \`${manifest.extends}\` of ${ruleCase.rule} to extend`);
  }
  return { base: manifest.base ?? [], extends: manifest.extends };
}

/** The repository of a case: its bases (or the case it extends), then its own files over them. */
export function caseFiles(ruleCase: RuleCase, seen: readonly string[] = []): RepoFiles {
  if (seen.includes(ruleCase.name))
    throw new Error(
      `test/rules/${ruleCase.rule}: the cases ${[...seen, ruleCase.name].join(' → ')} extend each other in a circle`,
    );
  const manifest = manifestOf(ruleCase);
  const files: RepoFiles = {};
  const from = new Map<string, string>();
  for (const base of manifest.base) {
    for (const [path, bytes] of Object.entries(readTree(join(BASES, base)))) {
      if (from.has(path))
        throw new Error(
          `${relative(RULE_CASES, ruleCase.dir)}: the bases ${from.get(path)} and ${base} both hold ${path}; a case takes a file from one base only`,
        );
      from.set(path, base);
      files[path] = bytes;
    }
  }
  if (manifest.extends !== undefined)
    Object.assign(
      files,
      caseFiles(
        {
          rule: ruleCase.rule,
          name: manifest.extends,
          dir: join(RULE_CASES, ruleCase.rule, manifest.extends),
        },
        [...seen, ruleCase.name],
      ),
    );
  return Object.assign(files, readTree(join(ruleCase.dir, 'files')));
}
