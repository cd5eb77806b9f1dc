// --fix, after eslint's model: a rule attaches a fix to a finding as text edits on offsets of the
// finding's file; the engine applies the edits of every reported finding that do not overlap
// (the first one wins, the other waits for the next pass), writes each file back byte for byte
// except the edited spans, lints again, and repeats until no fix applies (at most MAX_PASSES
// times). The report is the lint after the last write, so it holds exactly what remains.
//
// `fixable` means "--fix would apply this finding's fix". In a plain lint that is every finding
// carrying a fix in a file --fix may touch; for a deferred fix (pinned-actions needs the GitHub
// API to learn a commit SHA) it means --fix will try, because a plain lint never uses the
// network. In the report printed by --fix, a finding is fixable only if another --fix would still
// apply its fix (normally none), and a deferred fix that could not be resolved says why in its
// message.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { sep } from 'node:path';
import { parseDocument } from 'yaml';
import type {
  DeferredFix,
  Finding,
  Fix,
  FixLookups,
  RawFinding,
  SourceFile,
  TextEdit,
} from '../model/types.js';
import type { Project } from '../project/project.js';
import { githubLookups } from './github.js';

/** A reported finding together with the raw finding (and its fix) it came from. */
export interface Located {
  readonly finding: Finding;
  readonly raw: RawFinding;
}

/** One lint of one repository: the project as loaded and its reported findings. */
export interface Checked {
  readonly project: Project;
  readonly results: readonly Located[];
}

export interface FixOptions {
  /** Lookups outside the repository; by default the GitHub REST API (GITHUB_API_URL, GITHUB_TOKEN/GH_TOKEN).
   *  Pass one for all the repositories of a run, so that each ref is asked once. */
  readonly lookups?: FixLookups | undefined;
}

/** Like eslint: enough for fixes that wait behind an overlapping one, bounded against a rule whose fix never settles. */
export const MAX_PASSES = 10;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Findings of a plain lint, `fixable` set for those whose fix --fix would apply or try. */
export function withFixable(checked: Checked): Finding[] {
  const blocked = filesNotToFix(checked.project);
  return checked.results.map(({ finding, raw }) => ({
    ...finding,
    fixable: offered(raw, blocked),
  }));
}

/**
 * Fixes one repository and lints it again. `check` lints it from disk (actionlint only when asked:
 * its findings carry no fix, so the passes that only look for fixes skip it).
 */
export async function fixAndLint(
  check: (withActionlint: boolean) => Promise<Checked>,
  actionlint: boolean,
  options: FixOptions,
): Promise<{ project: Project; findings: Finding[] }> {
  const lookups = options.lookups ?? githubLookups(process.env);
  // Files that could not be written keep their findings, with the reason, and are not tried again.
  const unwritable = new Map<string, string>();
  // The lint that found nothing more to fix is the report, unless actionlint must still run.
  let settled: { checked: Checked; plan: Plan } | undefined;
  for (let pass = 0; pass < MAX_PASSES && !settled; pass++) {
    const checked = await check(false);
    const plan = await planFixes(checked, lookups, unwritable);
    let written = 0;
    for (const [file, edits] of plan.edits) {
      const problem = writeFixed(file, edits, plan.root);
      if (problem === undefined) written++;
      else unwritable.set(file.path, problem);
    }
    if (written === 0 && plan.edits.size === 0) settled = { checked, plan };
    else if (written === 0) break;
  }
  const final = settled && !actionlint ? settled.checked : await check(actionlint);
  const plan = settled && !actionlint ? settled.plan : await planFixes(final, lookups, unwritable);
  const findings = final.results.map((located) => {
    const reason =
      plan.reasons.get(located) ??
      (located.raw.fix ? unwritable.get(located.raw.span.file.path) : undefined);
    const finding = { ...located.finding, fixable: plan.applied.has(located) };
    return reason === undefined
      ? finding
      : { ...finding, message: `${finding.message}. Not fixed: ${reason}` };
  });
  return { project: final.project, findings };
}

interface Plan {
  readonly root: string;
  /** Per file, the non-overlapping edits to apply now. */
  readonly edits: Map<SourceFile, TextEdit[]>;
  /** Findings whose fix is among them (or identical to one that is). */
  readonly applied: Set<Located>;
  /** Findings whose deferred fix could not be resolved, and why. */
  readonly reasons: Map<Located, string>;
}

async function planFixes(
  checked: Checked,
  lookups: FixLookups,
  unwritable: ReadonlyMap<string, string>,
): Promise<Plan> {
  const blocked = filesNotToFix(checked.project);
  const plan: Plan = {
    root: checked.project.root,
    edits: new Map(),
    applied: new Set(),
    reasons: new Map(),
  };
  // In file order, so that which of two overlapping fixes goes first does not depend on rule order.
  const ordered = [...checked.results].sort((a, b) => a.raw.span.start - b.raw.span.start);
  for (const located of ordered) {
    const { raw } = located;
    const file = raw.span.file;
    if (!offered(raw, blocked) || unwritable.has(file.path)) continue;
    const resolved = isDeferred(raw.fix!) ? await raw.fix.resolve(lookups) : raw.fix!;
    if ('unfixable' in resolved) {
      plan.reasons.set(located, resolved.unfixable);
      continue;
    }
    if (resolved.length === 0 || !wellFormed(file, resolved)) continue;
    const taken = plan.edits.get(file) ?? [];
    const fresh = resolved.filter(
      (edit) =>
        !taken.some((t) => t.start === edit.start && t.end === edit.end && t.text === edit.text),
    );
    // The same command reached through two steps (a script run by both) brings the same edit twice.
    if (fresh.some((edit) => taken.some((t) => touches(t, edit)))) continue;
    taken.push(...fresh);
    plan.edits.set(file, taken);
    plan.applied.add(located);
  }
  for (const [file, edits] of plan.edits) if (edits.length === 0) plan.edits.delete(file);
  return plan;
}

function isDeferred(fix: Fix): fix is DeferredFix {
  return !Array.isArray(fix);
}

function offered(raw: RawFinding, blocked: ReadonlySet<SourceFile>): boolean {
  const fix = raw.fix;
  if (fix === undefined || blocked.has(raw.span.file)) return false;
  return isDeferred(fix) || (fix.length > 0 && wellFormed(raw.span.file, fix));
}

/** --fix never touches a file with a parse-error: nothing in it was checked. */
function filesNotToFix(project: Project): Set<SourceFile> {
  return new Set(project.parseFailures.map((failure) => failure.span.file));
}

/** Edits inside the text that do not overlap one another. */
function wellFormed(file: SourceFile, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.every(
    (edit, i) =>
      edit.start >= 0 &&
      edit.start <= edit.end &&
      edit.end <= file.text.length &&
      (i === 0 || sorted[i - 1]!.end <= edit.start),
  );
}

/** Overlapping or touching edits conflict (as in eslint): two insertions at one offset would
 *  otherwise be applied in an order neither rule chose. */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Applies non-overlapping edits to a text; everything outside them is kept as it is. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * Writes the fixed file, or says why not. The file is read again: if it changed since it was
 * linted, or it now lies outside the linted root (a symbolic link), it is left alone. Valid UTF-8
 * decodes and encodes back to the same bytes, and the BOM (which the loader strips) is put back,
 * so only the edited spans change; line endings are whatever the edits and the file hold.
 */
export function writeFixed(
  file: SourceFile,
  edits: readonly TextEdit[],
  root: string,
): string | undefined {
  let bytes: Buffer;
  let real: string;
  try {
    real = realpathSync(file.absPath);
    const realRoot = realpathSync(root);
    if (!real.startsWith(realRoot + sep))
      return 'the file lies outside the linted directory (through a symbolic link), so --fix leaves it alone';
    bytes = readFileSync(real);
  } catch (error) {
    return `--fix could not read the file again (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bom ? bytes.subarray(3) : bytes,
    );
  } catch {
    return 'the file is no longer valid UTF-8';
  }
  if (text !== file.text)
    return 'the file changed while doppio-lint was fixing it; run --fix again';
  const fixed = applyEdits(text, edits);
  // A YAML file that parsed before must parse after: a fix that breaks it is a bug, never written.
  if (
    /\.ya?ml$/i.test(file.path) &&
    parseDocument(fixed).errors.length > 0 &&
    parseDocument(text).errors.length === 0
  ) {
    return 'the fix would have made the file invalid YAML (please report this), so --fix left the file alone';
  }
  try {
    writeFileSync(
      real,
      bom ? Buffer.concat([UTF8_BOM, Buffer.from(fixed, 'utf8')]) : Buffer.from(fixed, 'utf8'),
    );
  } catch (error) {
    return `--fix could not write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  return undefined;
}
