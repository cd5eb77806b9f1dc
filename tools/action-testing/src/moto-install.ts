// Where the tests get moto (the AWS API emulator the actions are tested against): `moto_server` on
// PATH, or else a project-local Python venv (.cache/python, git-ignored) that is made with the
// pinned moto[server] the first time a test run needs it. Python 3 is then the tests' only
// prerequisite. Two test runs at once install it once: the second waits for the first.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';

export const MOTO_VERSION = '5.2.1'; // renovate: datasource=pypi depName=moto

const REPOSITORY = join(import.meta.dirname, '..', '..', '..');
export const VENV = join(REPOSITORY, '.cache', 'python');
const VENV_MOTO_SERVER = join(VENV, 'bin', 'moto_server');
const LOCK = `${VENV}.lock`;
/** A lock older than this was left by a run that died while installing. */
const STALE_LOCK_MS = 15 * 60_000;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** The moto_server to run, if there is one: on PATH, or in the project's venv. */
export function findMotoServer(): string | undefined {
  return onPath('moto_server') ?? (executable(VENV_MOTO_SERVER) ? VENV_MOTO_SERVER : undefined);
}

/** The Python interpreter of a moto_server found by findMotoServer: the venv's, or python3 on PATH. */
export function motoPython(motoServer: string): string {
  return motoServer === VENV_MOTO_SERVER ? join(VENV, 'bin', 'python') : 'python3';
}

/** The moto_server to run, installing moto[server] into the project's venv when there is none. */
export function ensureMotoServer(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string {
  const found = findMotoServer();
  if (found !== undefined) return found;
  withLock(() => {
    if (executable(VENV_MOTO_SERVER)) return;
    const python = onPath('python3') ?? onPath('python');
    if (python === undefined)
      throw new Error(
        'the tests start moto_server (an AWS API emulator), which is not on PATH, and there is no python3 to install it with: install Python 3',
      );
    log(
      `moto_server is not on PATH: installing moto[server]==${MOTO_VERSION} into ${relative(process.cwd(), VENV) || '.'} (once; about a minute)`,
    );
    run(
      python,
      ['-m', 'venv', VENV],
      'python3 -m venv failed (on Debian and Ubuntu, install python3-venv)',
    );
    run(
      join(VENV, 'bin', 'python'),
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--quiet',
        `moto[server]==${MOTO_VERSION}`,
      ],
      `pip could not install moto[server]==${MOTO_VERSION} into ${VENV}`,
    );
    if (!executable(VENV_MOTO_SERVER))
      throw new Error(
        `pip installed moto[server]==${MOTO_VERSION} but ${VENV_MOTO_SERVER} is not there`,
      );
  });
  return VENV_MOTO_SERVER;
}

function run(command: string, args: readonly string[], failure: string): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const stderr =
      (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') ?? '';
    throw new Error(`${failure}: ${stderr || (error as Error).message}`);
  }
}

function withLock(install: () => void): void {
  mkdirSync(join(VENV, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true });
      else if (since !== undefined)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    install();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
