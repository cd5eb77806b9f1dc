// Inline suppressions: `# doppio-lint-disable-next-line rule-a, rule-b -- reason` and
// `# doppio-lint-disable-line rule -- reason`, in YAML and shell comments. A reason is required
// and there is no wildcard; what suppresses nothing is reported as unused-suppression.
import type { RawFinding, SourceFile, Span } from '../model/types.js';
import { formatMessage } from '../rules/rule.js';
import { unusedSuppression } from '../rules/unused-suppression.js';

interface Suppression {
  readonly file: SourceFile;
  /** 1-based line whose findings it suppresses. */
  readonly line: number;
  readonly rules: readonly string[];
  readonly span: Span;
  readonly used: Set<string>;
}

const DIRECTIVE = /#\s*doppio-lint-disable-(next-line|line)\b(.*)$/;

export interface SuppressionResult {
  readonly kept: RawFinding[];
  readonly problems: RawFinding[];
}

export function applySuppressions(
  files: readonly SourceFile[],
  findings: readonly RawFinding[],
  isKnownRule: (id: string) => boolean,
  lineOf: (span: Span) => number,
): SuppressionResult {
  const problems: RawFinding[] = [];
  const byFile = new Map<SourceFile, Suppression[]>();
  // A file that failed to parse was checked by nothing, so its comments are not read either: its
  // suppressions would be "unused" only because the file is broken (and parse-error is never suppressed).
  const unparsed = new Set(
    findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.span.file),
  );
  for (const file of files) {
    if (!file.text.includes('doppio-lint-disable') || unparsed.has(file)) continue;
    let offset = 0;
    for (const [index, text] of file.text.split('\n').entries()) {
      const start = offset;
      offset += text.length + 1;
      const match = DIRECTIVE.exec(text);
      if (!match) continue;
      const span: Span = {
        file,
        start: start + match.index,
        end: start + text.replace(/\r$/, '').length,
      };
      const [list = '', reason] = splitReason(match[2]!);
      const rules = list
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const report = (message: string, data?: { rule: string }): void =>
        void problems.push(unused(span, message, data));
      if (reason === undefined || reason.trim() === '') {
        report('noReason');
        continue;
      }
      if (rules.length === 0) {
        report('noRule');
        continue;
      }
      const valid = rules.filter((rule) => {
        if (isKnownRule(rule)) return true;
        if (rule === '*' || rule === 'all') report('wildcard');
        else report('unknownRule', { rule });
        return false;
      });
      const suppression = {
        file,
        line: index + 1 + (match[1] === 'next-line' ? 1 : 0),
        rules: valid,
        span,
        used: new Set<string>(),
      };
      byFile.set(file, [...(byFile.get(file) ?? []), suppression]);
    }
  }
  const kept = findings.filter((finding) => {
    if (finding.ruleId === 'parse-error') return true;
    const line = lineOf(finding.span);
    const suppression = byFile
      .get(finding.span.file)
      ?.find((s) => s.line === line && s.rules.includes(finding.ruleId));
    if (!suppression) return true;
    suppression.used.add(finding.ruleId);
    return false;
  });
  for (const suppressions of byFile.values()) {
    for (const s of suppressions) {
      for (const rule of s.rules) {
        if (!s.used.has(rule)) problems.push(unused(s.span, 'unused', { rule }));
      }
    }
  }
  return { kept, problems };
}

/** An unused-suppression finding with one of the rule's messages. */
function unused(span: Span, message: string, data?: { rule: string }): RawFinding {
  return {
    ruleId: unusedSuppression.meta.id,
    message: formatMessage(unusedSuppression.meta, message, data),
    span,
  };
}

function splitReason(rest: string): [string, string | undefined] {
  const at = rest.indexOf('--');
  return at === -1 ? [rest, undefined] : [rest.slice(0, at), rest.slice(at + 2)];
}
