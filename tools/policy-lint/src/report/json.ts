// --format json: the linter's output contract, one object, keys in the documented order.
import type { Finding, Report } from '../model/types.js';

/** The report as the documented JSON object: 2-space indented, with a trailing newline.
 *  The object is rebuilt field by field so that the key order is the contract's and nothing
 *  that the engine may carry on its objects leaks into the output. */
export function formatJson(report: Report): string {
  const out: Report = {
    version: report.version,
    tool: {
      name: report.tool.name,
      version: report.tool.version,
      actionlint: report.tool.actionlint,
    },
    findings: report.findings.map(finding),
    summary: {
      files: report.summary.files,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function finding(f: Finding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    docs: f.docs,
    fixable: f.fixable,
  };
}
