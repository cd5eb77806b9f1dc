// Stands in for GitHub's release downloads behind setup-ecspresso: an HTTPS server on 127.0.0.1 that
// serves the local ecspresso binary the way a release ships it (`<tag>/ecspresso_<version>_linux_amd64.tar.gz`
// beside `<tag>/checksums.txt`). Its certificate is self-signed for 127.0.0.1; the workflows'
// Node actions trust it through NODE_EXTRA_CA_CERTS, so setup-ecspresso's https-only rule holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { selfSignedCertificate } from '@doppio-dev/action-testing';
import type { Ecspresso } from './tools.js';

export interface ReleaseServer {
  /** What setup-ecspresso's `base-url` takes: `https://127.0.0.1:<port>/releases/download`. */
  readonly baseUrl: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  readonly caFile: string;
  /** Paths requested so far. */
  readonly requests: string[];
  stop(): Promise<void>;
}

export async function startReleaseServer(
  dir: string,
  ecspresso: Ecspresso,
): Promise<ReleaseServer> {
  mkdirSync(join(dir, 'stage'), { recursive: true });
  const { key, cert: caFile } = selfSignedCertificate(dir, 2);
  const number = ecspresso.version.replace(/^v/, '');
  const asset = `ecspresso_${number}_linux_amd64.tar.gz`;
  copyFileSync(ecspresso.path, join(dir, 'stage', 'ecspresso'));
  execFileSync('tar', ['-czf', join(dir, asset), '-C', join(dir, 'stage'), 'ecspresso']);
  const archive = readFileSync(join(dir, asset));
  const checksums = `${createHash('sha256').update(archive).digest('hex')}  ${asset}\n`;
  writeFileSync(join(dir, 'checksums.txt'), checksums);
  const files = new Map<string, Buffer | string>([
    [`/releases/download/${ecspresso.version}/${asset}`, archive],
    [`/releases/download/${ecspresso.version}/checksums.txt`, checksums],
  ]);
  const requests: string[] = [];
  const server = createServer(
    { key: readFileSync(key), cert: readFileSync(caFile) },
    (request, response) => {
      const path = request.url ?? '';
      requests.push(path);
      const body = files.get(path);
      response.writeHead(body === undefined ? 404 : 200).end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `https://127.0.0.1:${port}/releases/download`,
    caFile,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
