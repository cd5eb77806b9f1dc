// Just enough of make to know which shell commands `make <target>` runs: rules, their
// prerequisites and tab-indented recipes. Hand-written because no maintained npm package parses
// Makefiles; variables, pattern rules and conditionals are not evaluated (their commands are
// still parsed, with `$(VAR)` left as an expansion: the resolver reads it from make's command line,
// or else from the environment unless the Makefile assigns the variable, which stays unknown).
import type { ShellScript, SourceFile } from '../model/types.js';
import { parseShell } from './shell.js';

export interface MakeTarget {
  readonly name: string;
  readonly prerequisites: readonly string[];
  readonly recipe: ShellScript;
}

export interface Makefile {
  readonly file: SourceFile;
  readonly targets: ReadonlyMap<string, MakeTarget>;
  readonly defaultTarget: string | undefined;
  /** Variables the Makefile assigns (`NAME = …`, `:=`, `?=`, `+=`, `export NAME = …`). */
  readonly assigned: ReadonlySet<string>;
}

const ASSIGNMENT = /^(?:(?:export|override)\s+)*([A-Za-z_][\w.-]*)\s*(?::{1,3}|[?+!])?=/;
const RULE = /^([A-Za-z0-9_.\-/%$() ]+?)\s*::?(?!=)\s*([^=;#]*?)\s*(?:;.*)?(?:#.*)?$/;

export function parseMakefile(file: SourceFile): Makefile {
  const targets = new Map<string, MakeTarget>();
  let defaultTarget: string | undefined;
  const assigned = new Set<string>();
  const lines = file.text.split('\n');
  let offset = 0;
  let current:
    | { names: string[]; prerequisites: string[]; recipeLines: { start: number; text: string }[] }
    | undefined;
  const flush = (): void => {
    if (!current) return;
    // Recipe lines are joined as one script; `@`/`-`/`+` prefixes and make's `$$` become
    // same-length shell text so offsets still point into the Makefile.
    // The prefixes apply only where a command starts: a continuation line (after a line ending in
    // `\`) such as `  --no-wait` keeps its leading dashes.
    const script = current.recipeLines
      .map((l, i, all) =>
        (i > 0 && /\\$/.test(all[i - 1]!.text)
          ? l.text
          : l.text.replace(/^(\s*)[@+-]+/, (m, ws: string) => ws + ' '.repeat(m.length - ws.length))
        ).replace(/\$\$/g, ' $'),
      )
      .join('\n');
    const starts = current.recipeLines.map((l) => l.start);
    const toFile = (o: number): number => {
      let line = 0;
      let lineStart = 0;
      while (
        line < starts.length - 1 &&
        lineStart + current!.recipeLines[line]!.text.length + 1 <= o
      ) {
        lineStart += current!.recipeLines[line]!.text.length + 1;
        line++;
      }
      return (starts[line] ?? 0) + (o - lineStart);
    };
    const recipe = parseShell(script, file, toFile);
    for (const name of current.names)
      targets.set(name, { name, prerequisites: current.prerequisites, recipe });
    current = undefined;
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.startsWith('\t')) {
      current?.recipeLines.push({ start: lineStart + 1, text: line.slice(1).replace(/\r$/, '') });
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) assigned.add(assignment[1]!);
    const rule = RULE.exec(line.replace(/\r$/, ''));
    flush();
    if (!rule) continue;
    const names = rule[1]!.split(/\s+/).filter(Boolean);
    current = { names, prerequisites: rule[2]!.split(/\s+/).filter(Boolean), recipeLines: [] };
    if (defaultTarget === undefined)
      defaultTarget = names.find((n) => !n.startsWith('.') && !n.includes('%'));
  }
  flush();
  return { file, targets, defaultTarget, assigned };
}

/** Targets `make` runs for the given goals, prerequisites first, each once. */
export function targetsRun(makefile: Makefile, goals: readonly string[]): MakeTarget[] {
  const order: MakeTarget[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const target = makefile.targets.get(name);
    if (!target) return;
    for (const prerequisite of target.prerequisites) visit(prerequisite);
    order.push(target);
  };
  const wanted = goals.length > 0 ? goals : makefile.defaultTarget ? [makefile.defaultTarget] : [];
  for (const goal of wanted) visit(goal);
  return order;
}
