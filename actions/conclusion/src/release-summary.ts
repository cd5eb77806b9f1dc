// The release at a glance, for the notify job's summary: the conclusion, a table of the services the
// run deployed or rolled back (from their deploy records), a Mermaid diagram of the jobs and services
// with their results (GitHub renders Mermaid in job summaries), and the jobs' table, where a job that
// left no record says so. Pure, so the exact text is tested.
import { type DeployRecord, RESULT_ICONS, revisionOf, shortDigest } from '@doppio-dev/action-kit';
import { type Aggregate, CANCELLED_NOTE } from './conclusion.js';

const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const code = (text: string): string => (text ? `\`${cell(text)}\`` : '—');

function revisions(record: DeployRecord): string {
  const [before, after] = [revisionOf(record.before), revisionOf(record.after)];
  const moved =
    before && after && before !== after
      ? `${code(before)} → ${code(after)}`
      : code(after || before);
  const gone = record.deregistered.map((arn) => code(revisionOf(arn))).join(', ');
  return gone ? `${moved} (deregistered ${gone})` : moved;
}

function servicesTable(records: readonly DeployRecord[]): string[] {
  const rows = records.map((r) => {
    const name = r.url ? `[${code(r.service || r.config)}](${r.url})` : code(r.service || r.config);
    return `| ${name} | ${code(r.environment)} | ${RESULT_ICONS[r.result]} ${cell(r.outcome)} | ${revisions(r)} | ${r.digests.map((d) => code(shortDigest(d))).join('<br>') || '—'} |`;
  });
  return [
    '| service | environment | result | revision before → after | image digest |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** Mermaid labels take no quotes or angle brackets as they are. */
const label = (text: string): string =>
  text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

export function mermaid(result: Aggregate, records: readonly DeployRecord[]): string[] {
  const lines = ['```mermaid', 'flowchart LR'];
  for (const [state, style] of Object.entries({
    success: 'fill:#dafbe1,stroke:#1a7f37',
    failure: 'fill:#ffebe9,stroke:#cf222e',
    cancelled: 'fill:#eaeef2,stroke:#57606a',
    skipped: 'fill:#fff8c5,stroke:#9a6700',
  })) {
    lines.push(`  classDef ${state} ${style}`);
  }
  lines.push(
    `  conclusion(("${label(`${RESULT_ICONS[result.conclusion]} ${result.conclusion}`)}")):::${result.conclusion}`,
  );
  for (const [i, job] of result.jobs.entries()) {
    lines.push(
      `  job${i}["${label(`${RESULT_ICONS[job.result]} ${job.job}`)}"]:::${job.result} --> conclusion`,
    );
  }
  const environments = [...new Set(records.map((r) => r.environment))];
  environments.forEach((environment, e) => {
    lines.push(`  subgraph env${e} ["${label(environment)}"]`);
    records.forEach((r, i) => {
      if (r.environment === environment)
        lines.push(
          `    service${i}["${label(`${RESULT_ICONS[r.result]} ${r.service || r.config}`)}<br/>${label(revisionOf(r.after || r.before) || r.outcome)}"]:::${r.result}`,
        );
    });
    lines.push('  end');
  });
  return [...lines, '```'];
}

export function releaseSummary(result: Aggregate, records: readonly DeployRecord[]): string {
  const jobs = result.jobs.map((j) => {
    const missing =
      records.length > 0 && (j.result === 'cancelled' || j.result === 'skipped')
        ? ' — left no record: it did not run'
        : '';
    return `| \`${cell(j.job)}\` | ${RESULT_ICONS[j.result]} ${j.result}${missing} |`;
  });
  return [
    `**Conclusion: ${result.conclusion}**`,
    '',
    ...(records.length > 0 ? [...servicesTable(records), ''] : []),
    ...mermaid(result, records),
    '',
    '| job | result |',
    '| --- | --- |',
    ...jobs,
    '',
    ...(result.cancelled.length > 0 ? [CANCELLED_NOTE, ''] : []),
  ].join('\n');
}
