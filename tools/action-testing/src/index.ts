// Runs an action's `run()` as the runner would: inputs as INPUT_* variables, outputs and the job
// summary written to temporary files by the real @actions/core, which are read back here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { parse } from 'yaml';

export { findMotoServer, motoPython } from './moto-install.js';
export { freePort, startMoto, type Moto, type MotoOptions } from './moto.js';
export { createService, IMAGE, registerRevisions, startEcsMoto, useEcsMoto } from './ecs.js';
export { deployRecord } from './records.js';
export { type Certificate, selfSignedCertificate } from './tls.js';

export interface ActionRun {
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  /** Everything the action wrote to stdout: logs and workflow commands (`::error::…`). */
  readonly log: string;
  /** True when the action called setFailed (process.exitCode 1). */
  readonly failed: boolean;
}

/** Inputs by their action.yml names; unset ones fall back to `defaults` (the action.yml defaults). */
export async function runAction(
  run: () => Promise<void>,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'doppio-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const saved = { ...process.env };
  const savedExitCode = process.exitCode;
  const write = process.stdout.write.bind(process.stdout);
  let log = '';
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  Object.assign(process.env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...env,
  });
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  process.exitCode = undefined;
  // core.summary keeps the GITHUB_STEP_SUMMARY path it saw first and its buffer across runs in one
  // process: forget both, or every later run would write to the first run's file. (@actions/core
  // offers no public reset; pnpm gives every package the same instance of this version.)
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
  core.summary.emptyBuffer();
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  const failed = process.exitCode === 1;
  process.exitCode = savedExitCode;
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  return {
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    log,
    failed,
  };
}

/** Reads the `name<<delimiter … delimiter` records @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    outputs[match[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** The defaults an action.yml declares, as runAction inputs (GitHub passes them when unset). */
export function actionDefaults(actionYml: string): Record<string, string> {
  const action = parse(readFileSync(actionYml, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs ?? {}))
    if (input.default !== undefined) defaults[name] = String(input.default);
  return defaults;
}
