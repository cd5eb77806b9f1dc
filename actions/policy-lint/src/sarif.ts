// The SARIF log for `github/codeql-action/upload-sarif`, written where the `sarif-file` output says.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatReport, type Report } from '@doppio-dev/doppio-lint';

export function writeSarifFile(report: Report, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatReport(report, 'sarif'));
}
