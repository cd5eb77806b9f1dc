// The one Slack message, as Block Kit: a header with the conclusion, the run's facts as fields, one
// line per service the run deployed or rolled back (from the deploy records), one line per job and
// a link to the run. Pure, so its exact shape is tested.
import {
  type DeployRecord,
  type JobOutcome,
  RESULT_ICONS,
  recordLine,
} from '@doppio-dev/action-kit';
import type { RunContext } from './context.js';

export type Conclusion = 'success' | 'failure' | 'cancelled';

export interface MessageInput {
  readonly context: RunContext;
  readonly conclusion: Conclusion;
  readonly jobs: readonly JobOutcome[];
  /** The run's deploy records, one per service (collect-records); none when no deploy left one. */
  readonly records?: readonly DeployRecord[];
  /** Shown in the header before the conclusion; the repository's name when empty. */
  readonly title?: string;
}

export interface TextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}

export type Block =
  | { readonly type: 'header'; readonly text: TextObject }
  | { readonly type: 'section'; readonly text: TextObject }
  | { readonly type: 'section'; readonly fields: readonly TextObject[] }
  | { readonly type: 'context'; readonly elements: readonly TextObject[] };

export interface SlackMessage {
  /** What notifications and clients without Block Kit show. */
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

// Emoji rather than an attachment's colour bar: colours exist only on legacy attachments, which
// Slack folds behind "Show more" and no longer recommends. Same icons as the job summaries.
const ICONS = RESULT_ICONS;

// Slack's limits: header text 150 characters, section text 3000, 50 blocks per message.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const SECTIONS_MAX = 47; // 50 less the header, fields and context blocks

/** Slack treats only &, < and > as control characters in message text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string, label: string): string {
  return `<${url}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

/** Cuts by code points, so an emoji is never split in half. */
function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The message's lines: with deploy records, a line per service, then the jobs, those that left no
 *  record saying so; without, a line per job. */
export function reportLines(
  jobs: readonly JobOutcome[],
  records: readonly DeployRecord[] = [],
): string[] {
  const job = (j: JobOutcome): string => {
    const missing =
      records.length > 0 && (j.result === 'cancelled' || j.result === 'skipped')
        ? ' — left no record: it did not run'
        : '';
    return truncate(`${ICONS[j.result]} \`${escapeText(j.job)}\` ${j.result}${missing}`, 300);
  };
  if (records.length === 0) return jobs.length === 0 ? ['_No jobs were listed._'] : jobs.map(job);
  return [
    '*Services*',
    ...records.map((r) => truncate(escapeText(recordLine(r)), 300)),
    '*Jobs*',
    ...jobs.map(job),
  ];
}

/** Groups lines into section texts within Slack's limits; the overflow becomes a count. */
export function lineSections(lines: readonly string[]): string[] {
  const sections: string[] = [];
  let current = '';
  for (const [index, line] of lines.entries()) {
    if (current !== '' && current.length + 1 + line.length > SECTION_MAX) {
      if (sections.length === SECTIONS_MAX - 1) {
        sections.push(`${current}\n…and ${lines.length - index} more lines: see the run`);
        return sections;
      }
      sections.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  sections.push(current);
  return sections;
}

export function buildMessage({
  context,
  conclusion,
  jobs,
  records,
  title,
}: MessageInput): SlackMessage {
  const icon = ICONS[conclusion];
  const heading = `${icon} ${title || context.repository}: ${conclusion}`;
  const attempt = context.runAttempt > 1 ? ` (attempt ${context.runAttempt})` : '';
  return {
    // The header already names the repository unless a title replaced it.
    text: escapeText(
      `${heading} — ${title ? `${context.repository} ` : ''}${context.ref} @ ${context.shortSha} by ${context.actor}`,
    ),
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: truncate(heading, HEADER_MAX), emoji: true },
      },
      {
        type: 'section',
        fields: [
          {
            type: 'mrkdwn',
            text: `*Repository*\n${link(context.repositoryUrl, context.repository)}`,
          },
          { type: 'mrkdwn', text: `*Ref*\n\`${escapeText(context.ref)}\`` },
          { type: 'mrkdwn', text: `*Commit*\n${link(context.commitUrl, context.shortSha)}` },
          { type: 'mrkdwn', text: `*Actor*\n${escapeText(context.actor)}` },
        ],
      },
      ...lineSections(reportLines(jobs, records)).map(
        (text): Block => ({ type: 'section', text: { type: 'mrkdwn', text } }),
      ),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: link(context.runUrl, `View run ${context.runId}${attempt}`) },
        ],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}
