// Every package's vitest config starts from here. When DOPPIO_TEST_REPORT_DIR is set (by .ci/run),
// each package also writes vitest's JSON report there, so CI can print one pass/fail count line.
import { relative } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

export function sharedTestConfig(packageDir: string): ViteUserConfig['test'] {
  const reportDir = process.env['DOPPIO_TEST_REPORT_DIR'];
  return {
    testTimeout: 60_000,
    reporters: reportDir ? ['default', 'json'] : ['default'],
    // Named after the package's path: tools/policy-lint and actions/policy-lint share a basename.
    ...(reportDir ? { outputFile: { json: `${reportDir}/${relative(import.meta.dirname, packageDir).replaceAll('/', '-')}.json` } } : {}),
  };
}
