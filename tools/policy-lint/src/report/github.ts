// --format github: GitHub Actions workflow commands, one annotation per finding.
// Escaping follows @actions/core (packages/core/src/command.ts): a command's data escapes
// `%`, CR and LF; a property value additionally escapes `:` and `,`, which delimit properties.
import type { Finding, Report } from '../model/types.js';

/** Escapes the data (message) part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=…`, `title=…`) of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const command = f.severity === 'error' ? 'error' : 'warning';
  const properties = [
    `file=${escapeProperty(f.file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(f.ruleId)}`,
  ].join(',');
  return `::${command} ${properties}::${escapeData(f.message)}\n`;
}

/** One `::error …::message` / `::warning …::message` line per finding; '' when there are none. */
export function formatGithub(report: Report): string {
  return report.findings.map(annotation).join('');
}
