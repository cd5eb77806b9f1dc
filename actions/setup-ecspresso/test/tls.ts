// vitest globalSetup: a self-signed certificate for 127.0.0.1 that the fake release server uses.
// NODE_EXTRA_CA_CERTS is read when Node starts, so it is set here, before vitest starts the
// processes that run the tests (they inherit this environment).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from '@doppio-dev/action-testing';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'setup-ecspresso-tls-'));
  const { key, cert } = selfSignedCertificate(dir);
  process.env['NODE_EXTRA_CA_CERTS'] = cert;
  process.env['DOPPIO_TEST_TLS_KEY'] = key;
  return () => rmSync(dir, { recursive: true, force: true });
}
