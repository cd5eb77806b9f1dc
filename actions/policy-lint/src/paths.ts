// Paths as GitHub wants them. The linter reports files relative to the directory it linted;
// annotations and code scanning need them relative to the repository root, i.e. the workspace.
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Report } from '@doppio-dev/doppio-lint';

/** What to put before the linter's file paths when it linted `path` (relative to `workspace`):
 *  `services/api/` for a subdirectory, '' for the workspace itself, a file, or a directory outside
 *  the workspace (whose files GitHub cannot point at anyway). */
export function workspacePrefix(workspace: string, path: string): string {
  const absolute = resolve(workspace, path);
  let directory = false;
  try {
    directory = statSync(absolute).isDirectory();
  } catch {
    return '';
  }
  const inside = relative(workspace, absolute);
  if (!directory || inside === '' || inside.startsWith('..') || isAbsolute(inside)) return '';
  return `${inside.split('\\').join('/')}/`;
}

/** The report with every finding's file prefixed (see workspacePrefix). */
export function rebaseReport(report: Report, prefix: string): Report {
  if (prefix === '') return report;
  return { ...report, findings: report.findings.map((f) => ({ ...f, file: prefix + f.file })) };
}

/** The SARIF file: the `sarif-file` input (relative to the workspace), else doppio-lint.sarif in the
 *  runner's temporary directory (kept out of the checkout), else in the workspace. */
export function sarifFilePath(
  input: string,
  workspace: string,
  runnerTemp: string | undefined,
): string {
  if (input.trim() !== '') return resolve(workspace, input.trim());
  return join(runnerTemp || workspace, 'doppio-lint.sarif');
}
