// `pnpm bench`: wall time and peak memory of doppio-lint on the real-world corpus and on the
// example service, several runs each, each run a fresh process as a user would start it.
// Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.js';

const PACKAGE = join(import.meta.dirname, '..');
const BIN = join(PACKAGE, 'bin', 'doppio-lint.js');
const EXAMPLE = join(PACKAGE, '..', '..', 'workflows', 'example-service');
const RUNS = Number(process.env['DOPPIO_BENCH_RUNS'] ?? 5);

interface Sample {
  readonly seconds: number;
  readonly maxRssMb: number;
}

function measure(args: readonly string[]): Sample {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'max-rss.mjs'), BIN, '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`doppio-lint exited ${result.status}: ${result.stderr}`);
  const rss = /DOPPIO_BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr);
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function bench(name: string, args: readonly string[]): void {
  measure(args); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => measure(args));
  const wall = median(samples.map((s) => s.seconds));
  const rss = Math.max(...samples.map((s) => s.maxRssMb));
  console.log(`${name.padEnd(44)} median ${wall.toFixed(2)} s   peak RSS ${rss.toFixed(0)} MB   (${RUNS} runs)`);
}

if (!existsSync(join(PACKAGE, 'dist', 'cli.js'))) throw new Error('run `pnpm build` first: the benchmark measures the bundled CLI');
const corpus = ensureCorpus();
console.log(`doppio-lint benchmark — node ${process.version}, ${RUNS} runs per line, fresh process each run`);
if (corpus) {
  bench('corpus (1,503 workflows), rules only', ['--no-actionlint', corpus]);
  bench('corpus (1,503 workflows), with actionlint', [corpus]);
} else console.log('corpus not found beside the repository (../shared/corpus): skipped');
bench('example service, rules only', ['--no-actionlint', EXAMPLE]);
bench('example service, with actionlint', [EXAMPLE]);
