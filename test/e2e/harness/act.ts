// Runs one caller workflow of the service repository under nektos/act in host mode (no Docker) and
// reads act's JSON log: each job's result, each step's result, the job summaries and everything the
// steps printed. act ignores `permissions`, `environment` and `concurrency`; test/workflows.test.ts
// checks those statically.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localRepositories } from './stand-ins.js';
import { requireTool } from './tools.js';

export interface ActInvocation {
  /** The service repository (act's working directory). */
  readonly repo: string;
  /** A file name in the repository's .github/workflows/. */
  readonly workflow: string;
  readonly event: 'push' | 'workflow_dispatch';
  /** The event payload, e.g. `{ ref: 'refs/tags/v1.0.0' }`. */
  readonly payload?: Record<string, unknown>;
  readonly vars?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
  /** The whole environment act and its jobs see (nothing is inherited from this process). */
  readonly env: Readonly<Record<string, string>>;
  /** Scratch space: act's action cache, tool cache and the event file. */
  readonly workDir: string;
  /** The copy of doppio that `doppio-dev/doppio@main` resolves to. */
  readonly doppioTree: string;
}

export interface StepRecord {
  readonly job: string;
  readonly step: string;
  readonly result: string;
}

export interface ActRun {
  readonly exitCode: number;
  /** Job results by act's job name (`<workflow>/<job>`, nested for reusable workflows). */
  readonly jobs: ReadonlyMap<string, string>;
  readonly steps: readonly StepRecord[];
  /** When each job (by act's job name) logged its first and its last line, in ms since the epoch. */
  readonly timings: ReadonlyMap<string, { readonly start: number; readonly end: number }>;
  /** Every step output set (`$GITHUB_OUTPUT`), in order, with the job that set it. */
  readonly outputs: readonly {
    readonly job: string;
    readonly name: string;
    readonly value: string;
  }[];
  /** Job summaries in the order they were written, with the job that wrote each. */
  readonly summaries: readonly { readonly job: string; readonly content: string }[];
  /** What the steps printed, and act's own messages, in order. */
  readonly log: string;
}

const RUNNER_LABELS = ['ubuntu-latest', 'ubuntu-24.04'];

export async function runAct(invocation: ActInvocation): Promise<ActRun> {
  mkdirSync(invocation.workDir, { recursive: true });
  const eventFile = join(invocation.workDir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(invocation.payload ?? {}));
  const args = [
    invocation.event,
    '--workflows',
    join('.github', 'workflows', invocation.workflow),
    '--eventpath',
    eventFile,
    '--json',
    '--action-cache-path',
    join(invocation.workDir, 'act-cache'),
    ...RUNNER_LABELS.flatMap((label) => ['-P', `${label}=-self-hosted`]),
    ...localRepositories(invocation.doppioTree).flatMap((mapping) => [
      '--local-repository',
      mapping,
    ]),
    ...Object.entries(invocation.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}=${v}`]),
    ...Object.entries(invocation.secrets ?? {}).flatMap(([k, v]) => ['--secret', `${k}=${v}`]),
  ];
  const child = spawn(requireTool('act'), args, {
    cwd: invocation.repo,
    env: { ACT_DISABLE_VERSION_CHECK: '1', ...invocation.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) =>
    child.once('close', (code) => resolve(code ?? 1)),
  );
  return parseActLog(`${stdout}\n${stderr}`, exitCode);
}

/** Reads act's `--json` lines; lines that are not JSON (act's own startup warnings) go to the log as they are. */
export function parseActLog(text: string, exitCode: number): ActRun {
  const jobs = new Map<string, string>();
  const steps: StepRecord[] = [];
  const summaries: { job: string; content: string }[] = [];
  const outputs: { job: string; name: string; value: string }[] = [];
  const timings = new Map<string, { start: number; end: number }>();
  const log: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      log.push(line);
      continue;
    }
    const job = String(entry['job'] ?? '');
    const msg = String(entry['msg'] ?? '');
    const time = Date.parse(String(entry['time']));
    if (job && !Number.isNaN(time))
      timings.set(job, { start: timings.get(job)?.start ?? time, end: time });
    if (typeof entry['jobResult'] === 'string') jobs.set(job, entry['jobResult']);
    if (typeof entry['stepResult'] === 'string' && entry['stage'] === 'Main')
      steps.push({ job, step: String(entry['step']), result: entry['stepResult'] });
    if (entry['command'] === 'summary')
      summaries.push({ job, content: String(entry['content'] ?? '') });
    if (entry['command'] === 'set-output')
      outputs.push({ job, name: String(entry['name']), value: String(entry['arg'] ?? '') });
    log.push(entry['raw_output'] ? msg.replace(/\n$/, '') : `[${job}] ${msg}`);
  }
  return { exitCode, jobs, steps, timings, outputs, summaries, log: log.join('\n') };
}
