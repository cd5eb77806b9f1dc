// The linter's modules sit on floors, and every import points down (or along its own floor): a
// rule reads facts, facts read the resolver, the resolver reads the model — never the other way.
// The imports are read from the sources (a TypeScript import is always `… from '<path>'`,
// `import '<path>'` or `import('<path>')`), type-only imports included: TypeScript 7 has no API
// that would list them, and a bundler's metafile drops them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

interface Floor {
  readonly name: string;
  /** Paths under src/ (`/`-separated): a file, or a folder ending in `/`. */
  readonly holds: readonly string[];
  /** Files of this floor may not import one another (each rule stands alone). */
  readonly independent?: boolean;
}

/** Bottom first. A module may import from its own floor and the floors below it. */
const FLOORS: readonly Floor[] = [
  { name: 'base', holds: ['errors.ts', 'version.ts', 'package-root.ts', 'command-line.ts'] },
  { name: 'model', holds: ['model/'] },
  { name: 'vocabulary', holds: ['vocabulary/'] },
  { name: 'report', holds: ['report/'] },
  { name: 'init', holds: ['init/'] },
  { name: 'config', holds: ['config/'] },
  { name: 'parse', holds: ['parse/'] },
  { name: 'resolve', holds: ['resolve/'] },
  { name: 'project', holds: ['project/'] },
  { name: 'facts', holds: ['facts/'] },
  { name: 'rule contract', holds: ['rules/rule.ts'] },
  { name: 'rules', holds: ['rules/'], independent: true },
  { name: 'registry', holds: ['rules/index.ts'] },
  { name: 'explain', holds: ['explain/'] },
  { name: 'engine', holds: ['engine/'] },
  { name: 'entry points', holds: ['cli.ts', 'index.ts'] },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(SRC, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The src/ modules a file imports (packages and JSON files left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const targets = new Set<string>();
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    if (!specifier.startsWith('.') || !specifier.endsWith('.js')) continue;
    targets.add(
      posix.normalize(posix.join(posix.dirname(file), specifier.replace(/\.js$/, '.ts'))),
    );
  }
  return [...targets].sort();
}

/** The floor of a file: the most specific entry that holds it (a file before its folder). */
function floorOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  FLOORS.forEach((floor, index) => {
    for (const held of floor.holds) {
      const holds = held.endsWith('/') ? file.startsWith(held) : file === held;
      if (holds && held.length > bestLength) {
        best = index;
        bestLength = held.length;
      }
    }
  });
  return best;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the import graph of src/', () => {
  it('knows every module and every import', () => {
    expect(
      files.filter((file) => floorOf(file) === -1),
      'modules on no floor: add them to FLOORS in this test',
    ).toEqual([]);
    const dangling = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => !graph.has(t)).map((t) => `${file} → ${t}`),
    );
    expect(dangling, 'imports of files that do not exist').toEqual([]);
    // A sanity check of the reader: the entry point reaches the rules through the engine.
    expect(graph.get('engine/lint.ts')).toContain('rules/index.ts');
  });

  it('points down: no module imports from a floor above its own, and no rule imports another', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const floor = floorOf(file);
      for (const target of targets) {
        const to = floorOf(target);
        if (to > floor)
          upward.push(`${file} (${FLOORS[floor]!.name}) → ${target} (${FLOORS[to]!.name})`);
        else if (to === floor && FLOORS[floor]!.independent)
          upward.push(
            `${file} → ${target}: files on the ${FLOORS[floor]!.name} floor stand alone; move what they share down a floor`,
          );
      }
    }
    expect(
      upward,
      `imports that point up (floors, bottom first: ${FLOORS.map((f) => f.name).join(' < ')})`,
    ).toEqual([]);
  });

  it('has no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('reads imports in every form the sources use', () => {
    const read = (text: string): string[] =>
      [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
    expect(
      read(
        "import type { A } from './a.js';\nimport {\n  b,\n  type C,\n} from '../b.js';\nexport { d } from \"./d.js\";\nimport './e.js';\nawait import('./f.js');",
      ),
    ).toEqual(['./a.js', '../b.js', './d.js', './e.js', './f.js']);
  });
});
