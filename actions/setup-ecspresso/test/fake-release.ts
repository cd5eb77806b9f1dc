// A fake ecspresso release for tests: tar.gz archives laid out as GoReleaser lays them out (the
// binary at the root, beside README and LICENSE), a checksums.txt in GoReleaser's format, and an
// HTTPS server on 127.0.0.1 (setup-ecspresso downloads over https only) that serves them under
// `/download/<tag>/<file>` and records requests. Its certificate comes from test/tls.ts, which
// made Node trust it before the test processes started.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tar.gz whose `ecspresso` is a shell script printing `output` (and exiting with `exitCode`). */
export function fakeArchive(
  output: string,
  options: { binaryName?: string; exitCode?: number } = {},
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'fake-ecspresso-'));
  try {
    const content = join(dir, 'content');
    mkdirSync(content);
    const binaryName = options.binaryName ?? 'ecspresso';
    const binary = join(content, binaryName);
    writeFileSync(binary, `#!/bin/sh\necho '${output}'\nexit ${options.exitCode ?? 0}\n`);
    chmodSync(binary, 0o755);
    writeFileSync(join(content, 'README.md'), '# ecspresso\n');
    writeFileSync(join(content, 'LICENSE'), 'MIT\n');
    const archive = join(dir, 'archive.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', content, binaryName, 'README.md', 'LICENSE']);
    return readFileSync(archive);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `<sha256>  <name>` lines sorted by name, as GoReleaser writes checksums.txt. */
export function checksumsFile(files: Record<string, Buffer>): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${sha256Hex(files[name]!)}  ${name}\n`)
    .join('');
}

export interface ReleaseServer {
  /** The `base-url` to give the action: `https://127.0.0.1:<port>/download`. */
  readonly baseUrl: string;
  /** Every request path, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves `files` (path under /download → body); anything else is a 404. */
export async function startReleaseServer(
  files: Record<string, Buffer | string>,
): Promise<ReleaseServer> {
  const requests: string[] = [];
  const tls = {
    key: readFileSync(process.env['DOPPIO_TEST_TLS_KEY']!),
    cert: readFileSync(process.env['NODE_EXTRA_CA_CERTS']!),
  };
  const server = createServer(tls, (request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    const body = path.startsWith('/download/') ? files[path.slice('/download/'.length)] : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${port}/download`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fresh RUNNER_TOOL_CACHE, RUNNER_TEMP and GITHUB_PATH (an empty file) for one test. */
export function runnerDirs(): {
  toolCache: string;
  temp: string;
  githubPath: string;
  env: Record<string, string>;
} {
  const root = mkdtempSync(join(tmpdir(), 'setup-ecspresso-test-'));
  const toolCache = join(root, 'tool-cache');
  const temp = join(root, 'temp');
  mkdirSync(toolCache);
  mkdirSync(temp);
  const githubPath = join(root, 'github-path');
  writeFileSync(githubPath, '');
  return {
    toolCache,
    temp,
    githubPath,
    env: { RUNNER_TOOL_CACHE: toolCache, RUNNER_TEMP: temp, GITHUB_PATH: githubPath },
  };
}
