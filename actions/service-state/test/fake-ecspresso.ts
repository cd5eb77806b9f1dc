// A stand-in for the ecspresso CLI (not installable in tests): a small Node script that records its
// arguments and prints a canned `render config` answer, or fails like ecspresso does.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeEcspresso {
  readonly path: string;
  /** The arguments of every call, one array per call. */
  calls(): string[][];
}

export function fakeEcspresso(options: {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}): FakeEcspresso {
  const dir = mkdtempSync(join(tmpdir(), 'fake-ecspresso-'));
  const path = join(dir, 'ecspresso');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(log, '');
  const script = [
    '#!/usr/bin/env node',
    "const fs = require('node:fs');",
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');`,
    `process.stdout.write(${JSON.stringify(options.stdout ?? '')});`,
    `process.stderr.write(${JSON.stringify(options.stderr ?? '')});`,
    `process.exitCode = ${options.exitCode ?? 0};`,
    '',
  ].join('\n');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    path,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]),
  };
}
