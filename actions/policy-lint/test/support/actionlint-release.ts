// A stand-in for actionlint's GitHub release: the host's archive, holding the actionlint that
// `pnpm install` built from the same Go module (tools/actionlint/), served over HTTP on 127.0.0.1
// under `/<tag>/<archive>` as the release serves it under its download URL.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONLINT_VERSION, type ReleaseArchive } from '../../src/actionlint.js';

export const HOST = `${process.platform}-${process.arch}`;

const BUILT = join(
  import.meta.dirname,
  ...['..', '..', '..', '..', 'tools', 'actionlint', 'npm', HOST, 'bin', 'actionlint'],
);

/** The host's release archive: its name, bytes and SHA-256, as an entry of the action's table. */
export function hostArchive(): ReleaseArchive & { readonly bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'doppio-actionlint-release-'));
  copyFileSync(BUILT, join(dir, 'actionlint'));
  const name = `actionlint_${ACTIONLINT_VERSION}_test.tar.gz`;
  execFileSync('tar', ['-czf', name, 'actionlint'], { cwd: dir });
  const bytes = readFileSync(join(dir, name));
  return { name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Serves `files` (path → body) and answers 404 to anything else; resolves to the base URL. */
export async function serve(
  files: Readonly<Record<string, Buffer>>,
): Promise<{ baseUrl: string; close(): void }> {
  const server = createServer((request, response) => {
    const body = files[request.url ?? ''];
    if (body === undefined) response.writeHead(404).end('Not Found');
    else response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
