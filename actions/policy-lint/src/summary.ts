// The job summary: counts, then one table row per finding with links to the rule's docs and to the
// line. Every finding is listed (annotations show only a few), within GitHub's 1 MiB per step
// summary: rows that would not fit are counted instead.
import type { Finding, Report } from '@doppio-dev/doppio-lint';
import { GITHUB_ANNOTATIONS_PER_STEP } from './annotations.js';
import { plural } from './verdict.js';

/** Bytes the table may take: GitHub refuses a step summary over 1 MiB, and leaves room for the rest. */
export const TABLE_BUDGET = 900_000;

export interface SummaryOptions {
  /** How many findings were annotated. */
  readonly annotated: number;
  /** `https://github.com/<owner>/<repo>/blob/<sha>` to link each row to its line; none without. */
  readonly blobBase?: string | undefined;
  readonly tableBudget?: number;
}

export function summaryMarkdown(report: Report, options: SummaryOptions): string {
  const { errors, warnings, files } = report.summary;
  const tool = `doppio-lint ${report.tool.version}${report.tool.actionlint === null ? ' (actionlint off)' : ` with actionlint ${report.tool.actionlint}`}`;
  const lines = ['## doppio-lint', ''];
  if (report.findings.length === 0) {
    lines.push(`✅ **No problems** in ${plural(files, 'file')} — ${tool}.`, '');
    return lines.join('\n');
  }
  lines.push(
    `${errors > 0 ? '❌' : '⚠️'} **${plural(errors, 'error')}, ${plural(warnings, 'warning')}** in ${plural(files, 'file')} — ${tool}.`,
    '',
  );
  lines.push('| | rule | where | message |', '| --- | --- | --- | --- |');
  const budget = options.tableBudget ?? TABLE_BUDGET;
  let used = 0;
  let listed = 0;
  for (const finding of report.findings) {
    const row = tableRow(finding, options.blobBase);
    used += Buffer.byteLength(row, 'utf8') + 1;
    if (used > budget) break;
    lines.push(row);
    listed++;
  }
  lines.push('');
  const unlisted = report.findings.length - listed;
  if (unlisted > 0)
    lines.push(
      `${plural(unlisted, 'more finding')} did not fit in the job summary (GitHub keeps it under 1 MiB): see the step log or the SARIF file.`,
      '',
    );
  if (options.annotated < report.findings.length) {
    lines.push(
      `${options.annotated} of ${plural(report.findings.length, 'finding')} are annotated on the files (GitHub shows at most ${GITHUB_ANNOTATIONS_PER_STEP.error} error and ${GITHUB_ANNOTATIONS_PER_STEP.warn} warning annotations per step; \`max-annotations\` can lower that).`,
      '',
    );
  }
  return lines.join('\n');
}

function tableRow(finding: Finding, blobBase: string | undefined): string {
  const icon = finding.severity === 'error' ? '❌ error' : '⚠️ warning';
  const rule = `[\`${cell(finding.ruleId)}\`](${finding.docs})`;
  const place = `${finding.file}:${finding.line}`;
  const where =
    blobBase && !finding.file.startsWith('../')
      ? `[\`${cell(place)}\`](${lineUrl(blobBase, finding)})`
      : `\`${cell(place)}\``;
  return `| ${icon} | ${rule} | ${where} | ${cell(finding.message)} |`;
}

function lineUrl(blobBase: string, finding: Finding): string {
  const path = finding.file.split('/').map(encodeURIComponent).join('/');
  return `${blobBase}/${path}#L${finding.line}${finding.endLine > finding.line ? `-L${finding.endLine}` : ''}`;
}

/** Text for a table cell: a `|` would end the cell and a line break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** The blob base for links from the runner's environment, when it names the repository and commit. */
export function blobBaseFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  return server && repository && sha ? `${server}/${repository}/blob/${sha}` : undefined;
}
