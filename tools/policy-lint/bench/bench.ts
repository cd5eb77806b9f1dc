// `pnpm bench`: wall time and peak memory of doppio-lint and of the linters people already run, on
// the real-world corpus and on a typical service repository (the example service), several runs
// each, each run a fresh process as a user would start it, the tools taking turns run by run so
// that a busy machine slows them alike. Prints figures and their ratios; asserts nothing.
//
// Native actionlint is the platform package's binary that `pnpm install` built; zizmor (PyPI,
// pinned in .ci/lint-workflows) is installed into a venv under .cache/ on first use when this
// machine can. Files zizmor cannot load are left out for every tool, so all lint the same files.
// The floor is what no linter can beat: start Node, read every workflow, parse it with js-yaml.
// Peak RSS comes from the kernel's accounting of the child (Python's RUSAGE_CHILDREN): the largest
// process of the run, measured the same way for every tool.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findActionlint } from '../src/engine/actionlint.js';
import { ensureCorpus } from './corpus.js';

const PACKAGE = join(import.meta.dirname, '..');
const REPOSITORY = join(PACKAGE, '..', '..');
const BIN = join(PACKAGE, 'bin', 'doppio-lint.js');
const FLOOR = join(import.meta.dirname, 'floor.mjs');
const EXAMPLE = join(REPOSITORY, 'workflows', 'example-service');
const ACTIONS = join(REPOSITORY, 'actions');
const CACHE = join(REPOSITORY, '.cache');
const RUNS = Number(process.env['DOPPIO_BENCH_RUNS'] ?? 5);
const ZIZMOR_VERSION = /^ZIZMOR_VERSION=(\S+)/m.exec(
  readFileSync(join(REPOSITORY, '.ci', 'lint-workflows'), 'utf8'),
)![1]!;

interface Sample {
  readonly seconds: number;
  readonly maxRssMb: number;
}

const MEASURE = `
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
`;

interface Tool {
  readonly name: string;
  readonly command: readonly string[];
  /** Which exit codes mean it did its work (linters exit non-zero on findings). */
  readonly ok?: (code: number) => boolean;
  readonly env?: NodeJS.ProcessEnv;
}

const ZERO_OR_ONE = (code: number): boolean => code === 0 || code === 1;
// zizmor exits 0, or 10–14 by the highest severity it found; 1 is a failure to audit.
const ZIZMOR_AUDITED = (code: number): boolean => code === 0 || (code >= 10 && code <= 14);

function measure(tool: Tool): Sample {
  const out = execFileSync('python3', ['-c', MEASURE, ...tool.command], {
    encoding: 'utf8',
    env: tool.env ?? process.env,
  });
  const [seconds, rssKb, code] = out.trim().split(/\s+/).map(Number);
  if (!(tool.ok ?? ZERO_OR_ONE)(code!)) throw new Error(`${tool.command.join(' ')} exited ${code}`);
  return { seconds: seconds!, maxRssMb: rssKb! / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Line {
  readonly name: string;
  readonly wall: number;
  readonly rss: number;
}

/** Runs every tool once to warm the file cache, then RUNS rounds, the tools in turn. */
function bench(tools: readonly Tool[]): Line[] {
  for (const tool of tools) measure(tool);
  const samples = tools.map((): Sample[] => []);
  for (let run = 0; run < RUNS; run++)
    for (const [i, tool] of tools.entries()) samples[i]!.push(measure(tool));
  return tools.map((tool, i) => ({
    name: tool.name,
    wall: median(samples[i]!.map((s) => s.seconds)),
    rss: Math.max(...samples[i]!.map((s) => s.maxRssMb)),
  }));
}

function print(title: string, lines: readonly Line[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...lines.map((l) => l.name.length));
  console.log(`  ${'tool'.padEnd(width)}    wall     peak`);
  for (const l of lines)
    console.log(
      `  ${l.name.padEnd(width)}  ${l.wall.toFixed(2).padStart(5)} s  ${l.rss.toFixed(0).padStart(4)} MB`,
    );
  if (lines.length < 2) return;
  // Ratios pair by pair: the row's wall time over the column's.
  const short = lines.map((_, i) => `(${i + 1})`);
  console.log(`  ratios of wall time, row ÷ column:`);
  console.log(`  ${' '.repeat(width + 5)}${short.map((s) => s.padStart(7)).join('')}`);
  for (const [i, row] of lines.entries())
    console.log(
      `  ${short[i]!.padEnd(4)} ${row.name.padEnd(width)}${lines.map((col) => `${(row.wall / col.wall).toFixed(2)}×`.padStart(7)).join('')}`,
    );
}

/** zizmor from PyPI in a venv of its own; undefined when it cannot be installed. */
function zizmor(): string | undefined {
  const venv = join(CACHE, 'bench-tools', `zizmor-${ZIZMOR_VERSION}`);
  const binary = join(venv, 'bin', 'zizmor');
  if (existsSync(binary)) return binary;
  const created = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
  const installed =
    created.status === 0
      ? spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', `zizmor==${ZIZMOR_VERSION}`], {
          encoding: 'utf8',
        })
      : created;
  if (installed.status === 0 && existsSync(binary)) return binary;
  console.log(
    `  (zizmor skipped: install failed: ${(installed.stderr || String(installed.error)).trim().split('\n').pop()})`,
  );
  return undefined;
}

/** The workflows zizmor can load: it aborts the whole run on one it cannot (bounded search). */
function zizmorLoads(zizmorBin: string, files: readonly string[]): string[] {
  let remaining = [...files];
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = spawnSync(
      zizmorBin,
      ['--offline', '--no-progress', '--collect=workflows', ...remaining],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    if (result.status !== null && ZIZMOR_AUDITED(result.status)) break;
    const bad = /failed to load file:\/\/(\S+) as workflow/.exec(result.stderr ?? '')?.[1];
    const match = bad && remaining.find((f) => f.endsWith(bad.split('/').pop()!));
    if (!match) break;
    console.log(`  zizmor cannot load ${match.split('/').pop()}: left out for every tool`);
    remaining = remaining.filter((f) => f !== match);
  }
  return remaining;
}

/** A repository holding `files` (the workflows every tool lints) and nothing else. */
function repositoryOf(files: readonly string[]): string {
  const root = join(CACHE, 'bench-corpus');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  for (const file of files)
    cpSync(file, join(root, '.github', 'workflows', file.split('/').pop()!));
  return root;
}

/** What the runner gives the policy-lint action: its inputs and the files it writes to. */
function actionEnvironment(root: string): NodeJS.ProcessEnv {
  const temp = mkdtempSync(join(tmpdir(), 'doppio-bench-action-'));
  for (const name of ['output', 'summary']) writeFileSync(join(temp, name), '');
  const inputs = { PATH: '.', ACTIONLINT: 'false', 'FAIL-ON': 'error', 'MAX-ANNOTATIONS': '50' };
  return {
    ...process.env,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name}`, value])),
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    RUNNER_TEMP: temp,
  };
}

function workflowsOf(root: string): string[] {
  const dir = join(root, '.github', 'workflows');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

function suite(title: string, root: string, withZizmor: boolean, extra: Tool[] = []): void {
  const native = findActionlint('native');
  const list = join(mkdtempSync(join(tmpdir(), 'doppio-bench-')), 'files');
  writeFileSync(list, `${workflowsOf(root).join('\n')}\n`);
  const z = withZizmor ? zizmor() : undefined;
  const lint = (mode: string): readonly string[] => [
    process.execPath,
    BIN,
    '--format',
    'json',
    '--actionlint',
    mode,
    root,
  ];
  const tools: Tool[] = [
    { name: 'doppio-lint, rules only', command: lint('off') },
    { name: 'doppio-lint, full (native actionlint)', command: lint('auto') },
    { name: 'doppio-lint, full (WASM actionlint)', command: lint('wasm') },
    {
      name: `native actionlint ${native.version} -shellcheck= -pyflakes=`,
      command: [native.command, '-shellcheck=', '-pyflakes=', `@${list}`],
    },
    ...(z
      ? [
          {
            name: `zizmor ${ZIZMOR_VERSION} --offline`,
            command: [z, '--offline', '--no-progress', '--collect=workflows', ...workflowsOf(root)],
            ok: ZIZMOR_AUDITED,
          },
        ]
      : []),
    { name: 'floor: Node, read every file, js-yaml', command: [process.execPath, FLOOR, root] },
    ...extra,
  ];
  print(title, bench(tools));
}

/** Each action's bundle started as the runner starts it, with no inputs (it stops at the first). */
function actionStarts(): void {
  const names = readdirSync(ACTIONS).filter((name) => existsSync(join(ACTIONS, name, 'dist')));
  const env = { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: '/dev/null' };
  const ok = (): boolean => true;
  const lines = bench([
    { name: 'node -e 0 (Node alone)', command: [process.execPath, '-e', '0'], ok, env },
    ...names.map((name) => ({
      name,
      command: [process.execPath, join(ACTIONS, name, 'dist', 'index.js')],
      ok,
      env,
    })),
  ]);
  console.log('\nbundled actions, start (no inputs: each stops at its first input)');
  for (const l of lines)
    console.log(
      `  ${l.name.padEnd(24)} ${l.wall.toFixed(3)} s  ${l.rss.toFixed(0).padStart(4)} MB`,
    );
}

execFileSync(
  process.execPath,
  [join(PACKAGE, '..', 'actionlint', 'build.mjs'), '--host', '--wasm'],
  {
    stdio: 'ignore',
  },
);
execFileSync(process.execPath, [join(PACKAGE, 'build.mjs')], { cwd: PACKAGE });
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `doppio-lint benchmark — node ${process.version}, median of ${RUNS} runs (fresh process each, tools in turn), peak RSS the largest seen; load average ${load()}`,
);
const corpus = ensureCorpus();
if (corpus) {
  const z = zizmor();
  const files = z ? zizmorLoads(z, workflowsOf(corpus)) : workflowsOf(corpus);
  suite(`corpus: ${files.length} real workflows`, repositoryOf(files), true);
} else console.log('\ncorpus not found beside the repository (../shared/corpus): skipped');
suite('typical service repository: workflows/example-service', EXAMPLE, false, [
  {
    name: 'policy-lint action (its dist/), rules only',
    command: [process.execPath, join(ACTIONS, 'policy-lint', 'dist', 'index.js')],
    env: actionEnvironment(EXAMPLE),
  },
]);
actionStarts();
console.log(`\nload average at the end ${load()}`);
