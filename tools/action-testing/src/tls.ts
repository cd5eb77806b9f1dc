// A self-signed certificate for 127.0.0.1, for the HTTPS servers that stand in for GitHub's release
// downloads in tests (setup-ecspresso only downloads over https). Clients trust it through
// NODE_EXTRA_CA_CERTS.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

/** Writes key.pem and cert.pem into `dir` with openssl. */
export function selfSignedCertificate(dir: string, days = 1): Certificate {
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
      String(days),
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
  return { key, cert };
}
