// --format sarif: a SARIF 2.1.0 log with one run, for code-scanning uploads.
import type { Log, ReportingDescriptor, Result, ToolComponent } from 'sarif';
import type { Finding, Report } from '../model/types.js';

/** The `$schema` of the log: the OASIS SARIF 2.1.0 schema. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
/** `tool.driver.informationUri`: where the linter is documented. */
export const INFORMATION_URI = 'https://github.com/doppio-dev/doppio/tree/main/tools/policy-lint';
const ACTIONLINT_URI = 'https://github.com/rhysd/actionlint';
/** Findings' paths are relative to the linted root, which code scanning calls %SRCROOT%. */
export const SRCROOT = '%SRCROOT%';

/** A relative path with `/` separators as a URI reference: each segment percent-encoded, so
 *  that `#`, `?`, `%`, spaces or a `:` in a first segment keep meaning part of the path. */
function uriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function isAbsoluteUri(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function level(f: Finding): Result.level {
  return f.severity === 'error' ? 'error' : 'warning';
}

export function sarifLog(report: Report): Log {
  // One reportingDescriptor per rule id that occurs, in id order; a result's ruleIndex points into it.
  const docsByRule = new Map<string, string>();
  for (const f of report.findings) if (!docsByRule.has(f.ruleId)) docsByRule.set(f.ruleId, f.docs);
  const ruleIds = [...docsByRule.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i] as const));
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const docs = docsByRule.get(id) ?? '';
    return {
      id,
      shortDescription: { text: id },
      // helpUri must be an absolute URI; a finding without one simply has no link.
      ...(isAbsoluteUri(docs) ? { helpUri: docs } : {}),
    };
  });

  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: level(f),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriReference(f.file), uriBaseId: SRCROOT },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
          },
        },
      },
    ],
  }));

  const driver: ToolComponent = {
    name: report.tool.name,
    version: report.tool.version,
    informationUri: INFORMATION_URI,
    rules,
  };
  const extensions: ToolComponent[] =
    report.tool.actionlint === null
      ? []
      : [{ name: 'actionlint', version: report.tool.actionlint, informationUri: ACTIONLINT_URI }];

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver, ...(extensions.length > 0 ? { extensions } : {}) },
        // Columns are counted as JavaScript strings count them.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The SARIF log as JSON, 2-space indented, with a trailing newline. */
export function formatSarif(report: Report): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}
