// --format stylish: the human output, after eslint's "stylish" formatter. Per file a header
// line, then one aligned row per finding (`line:col  severity  message  ruleId`), then a
// summary line, then each rule's docs page once. ANSI colour only when asked for.
import type { Finding, Report } from '../model/types.js';

export interface StylishOptions {
  readonly color?: boolean;
}

type Paint = (s: string) => string;

interface Palette {
  readonly header: Paint;
  readonly position: Paint;
  readonly error: Paint;
  readonly warning: Paint;
  readonly rule: Paint;
  readonly summaryError: Paint;
  readonly summaryWarning: Paint;
  readonly ok: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;
const bold = sgr(1, 22);
const red = sgr(31, 39);
const yellow = sgr(33, 39);
const plain: Paint = (s) => s;

const COLOR: Palette = {
  header: sgr(4, 24),
  position: sgr(2, 22),
  error: red,
  warning: yellow,
  rule: sgr(2, 22),
  summaryError: (s) => bold(red(s)),
  summaryWarning: (s) => bold(yellow(s)),
  ok: sgr(32, 39),
};

const PLAIN: Palette = {
  header: plain,
  position: plain,
  error: plain,
  warning: plain,
  rule: plain,
  summaryError: plain,
  summaryWarning: plain,
  ok: plain,
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A message on one row: line breaks (and the blanks around them) become one space. */
function oneLine(message: string): string {
  return message.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ');
}

interface Row {
  readonly position: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly ruleId: string;
}

function row(f: Finding): Row {
  return {
    position: `${f.line}:${f.column}`,
    severity: f.severity === 'error' ? 'error' : 'warning',
    message: oneLine(f.message),
    ruleId: f.ruleId,
  };
}

export function formatStylish(report: Report, options: StylishOptions = {}): string {
  const p = options.color === true ? COLOR : PLAIN;
  const files = report.summary.files;

  if (report.findings.length === 0) {
    return `${p.ok('✔')} no problems (${plural(files, 'file')} checked)\n`;
  }

  // Findings arrive sorted; grouping keeps each file's first appearance order all the same.
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }

  let errors = 0;
  let warnings = 0;
  const blocks: string[] = [];
  for (const [file, findings] of byFile) {
    const rows = findings.map(row);
    // Widths come from the plain text, so colour codes never skew the alignment.
    const wPos = Math.max(...rows.map((r) => r.position.length));
    const wSev = Math.max(...rows.map((r) => r.severity.length));
    const wMsg = Math.max(...rows.map((r) => r.message.length));
    const lines = [p.header(file)];
    for (const r of rows) {
      if (r.severity === 'error') errors++;
      else warnings++;
      const paintSeverity = r.severity === 'error' ? p.error : p.warning;
      lines.push(
        `  ${p.position(r.position.padStart(wPos))}` +
          `  ${paintSeverity(r.severity)}${' '.repeat(wSev - r.severity.length)}` +
          `  ${r.message.padEnd(wMsg)}` +
          `  ${p.rule(r.ruleId)}`,
      );
    }
    blocks.push(`${lines.join('\n')}\n`);
  }

  const total = errors + warnings;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const paintSummary = errors > 0 ? p.summaryError : p.summaryWarning;
  // As eslint does: say how much of it `--fix` would take care of.
  const fixable = report.findings.filter((f) => f.fixable).length;
  const fixNote =
    fixable > 0
      ? `${paintSummary(`  ${plural(fixable, 'problem')} fixable with the \`--fix\` option`)}\n`
      : '';
  return `${blocks.join('\n')}\n${paintSummary(summary)}\n${fixNote}\n${docsLinks(report.findings, p)}`;
}

/** Each rule's page once (actionlint's kinds share one), and how to read it in the terminal. */
function docsLinks(findings: readonly Finding[], p: Palette): string {
  const rules = new Map<string, Set<string>>();
  for (const f of [...findings].sort((a, b) => a.ruleId.localeCompare(b.ruleId, 'en')))
    rules.set(f.docs, (rules.get(f.docs) ?? new Set()).add(f.ruleId));
  const labels = [...rules.values()].map((ids) => [...ids].join(', '));
  const width = Math.max(...labels.map((label) => label.length));
  const lines = [...rules.keys()].map(
    (url, index) => `  ${p.rule(labels[index]!.padEnd(width))}  ${url}`,
  );
  return `${lines.join('\n')}\n  (\`doppio-lint --explain <rule>\` prints a rule's page here)\n`;
}
