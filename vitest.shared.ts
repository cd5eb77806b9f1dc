// Every package's vitest config starts from here.
// - When DOPPIO_TEST_REPORT_DIR is set (by .ci/run), each run also writes vitest's JSON report there,
//   named after the package's path in the repository and the run's process (tools/policy-lint →
//   `tools-policy-lint.<pid>.json`), so two packages, or two runs of one, never share a report.
// - A package that calls AWS (an @aws-sdk/* dependency) is tested against moto: its global setup
//   finds moto_server, or installs it into .cache/python, before any test starts.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const REPOSITORY = fileURLToPath(new URL('.', import.meta.url));
const MOTO_SETUP = fileURLToPath(
  new URL('tools/action-testing/src/moto-setup.ts', import.meta.url),
);

/** The report's name for a package: its path from the repository root, `/` turned into `-`. */
export function reportName(packageDir: string): string {
  return relative(REPOSITORY, packageDir).split(/[\\/]/).filter(Boolean).join('-') || 'root';
}

function callsAws(packageDir: string): boolean {
  const manifest = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')) as {
    dependencies?: object;
    devDependencies?: object;
  };
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).some((name) =>
    name.startsWith('@aws-sdk/'),
  );
}

export function sharedTestConfig(packageDir: string): ViteUserConfig['test'] {
  const reportDir = process.env['DOPPIO_TEST_REPORT_DIR'];
  return {
    testTimeout: 60_000,
    reporters: reportDir ? ['default', 'json'] : ['default'],
    ...(reportDir
      ? { outputFile: { json: `${reportDir}/${reportName(packageDir)}.${process.pid}.json` } }
      : {}),
    ...(callsAws(packageDir) ? { globalSetup: [MOTO_SETUP] } : {}),
  };
}
