// A real OCI registry (Debian's docker-registry, CNCF distribution) on 127.0.0.1. Its JSON access
// log is what the scenarios count pushes with: one `PUT /v2/<name>/manifests/<tag>` per pushed tag.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@doppio-dev/action-testing';
import { requireTool } from './tools.js';

export interface Registry {
  /** `127.0.0.1:<port>`, as image references and buildah spell it. */
  readonly host: string;
  /** Every manifest push so far, as `<repository>:<tag>`, oldest first. */
  pushes(): string[];
  stop(): Promise<void>;
}

export async function startRegistry(dir: string): Promise<Registry> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'config.yml');
  const log = join(dir, 'access.log');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: info',
      '  formatter: json',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: ${host}`,
      '',
    ].join('\n'),
  );
  writeFileSync(log, '');
  const child = spawn(requireTool('docker-registry'), ['serve', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => writeFileSync(log, chunk, { flag: 'a' }));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`http://${host}/v2/`)).ok) break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(
          `docker-registry did not start on ${host}: ${readFileSync(log, 'utf8').slice(-500)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    host,
    pushes: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter(
          (entry) =>
            entry['http.request.method'] === 'PUT' && entry['http.response.status'] === 201,
        )
        .map((entry) => /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(String(entry['http.request.uri'])))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => `${match[1]}:${match[2]}`),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
