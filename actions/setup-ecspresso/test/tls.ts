// vitest globalSetup: a self-signed certificate for 127.0.0.1 that the fake release server uses.
// NODE_EXTRA_CA_CERTS is read when Node starts, so it is set here, before vitest starts the
// processes that run the tests (they inherit this environment).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'setup-ecspresso-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  process.env['NODE_EXTRA_CA_CERTS'] = cert;
  process.env['DOPPIO_TEST_TLS_KEY'] = key;
  return () => rmSync(dir, { recursive: true, force: true });
}
