// Every package's vitest config starts from here. When DOPPIO_TEST_REPORT_DIR is set (by .ci/run),
// each package also writes vitest's JSON report there, so CI can print one pass/fail count line.
import { basename } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

export function sharedTestConfig(packageDir: string): ViteUserConfig['test'] {
  const reportDir = process.env['DOPPIO_TEST_REPORT_DIR'];
  return {
    testTimeout: 60_000,
    reporters: reportDir ? ['default', 'json'] : ['default'],
    ...(reportDir ? { outputFile: { json: `${reportDir}/${basename(packageDir)}.json` } } : {}),
  };
}
