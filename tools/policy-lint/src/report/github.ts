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

/** The shape of @actions/core's AnnotationProperties (the policy-lint action passes it to core). */
export interface AnnotationProperties {
  readonly title: string;
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

export interface Annotation {
  readonly kind: 'error' | 'warning';
  readonly message: string;
  readonly properties: AnnotationProperties;
}

/** A finding as a GitHub annotation. */
export function annotation(finding: Finding): Annotation {
  // GitHub takes columns only for a span on one line.
  const columns =
    finding.line === finding.endLine
      ? { startColumn: finding.column, endColumn: finding.endColumn }
      : {};
  return {
    kind: finding.severity === 'error' ? 'error' : 'warning',
    message: finding.message,
    properties: {
      title: finding.ruleId,
      file: finding.file,
      startLine: finding.line,
      endLine: finding.endLine,
      ...columns,
    },
  };
}

/** The workflow command for an annotation, with the property names the runner reads. */
function workflowCommand({ kind, message, properties: p }: Annotation): string {
  const properties = [
    `file=${escapeProperty(p.file)}`,
    `line=${p.startLine}`,
    ...(p.startColumn === undefined ? [] : [`col=${p.startColumn}`]),
    `endLine=${p.endLine}`,
    ...(p.endColumn === undefined ? [] : [`endColumn=${p.endColumn}`]),
    `title=${escapeProperty(p.title)}`,
  ].join(',');
  return `::${kind} ${properties}::${escapeData(message)}\n`;
}

/** One `::error …::message` / `::warning …::message` line per finding; '' when there are none. */
export function formatGithub(report: Report): string {
  return report.findings.map((f) => workflowCommand(annotation(f))).join('');
}
