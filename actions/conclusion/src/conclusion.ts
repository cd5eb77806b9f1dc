// One conclusion for many jobs: the caller's `toJSON(needs)` in, failure > cancelled > success
// out. Skipped jobs count as success (a skipped deploy changed nothing) unless `strict`.

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';
export type Conclusion = 'success' | 'failure' | 'cancelled';

export interface JobOutcome {
  readonly job: string;
  readonly result: JobResult;
}

export interface Aggregate {
  readonly conclusion: Conclusion;
  readonly jobs: readonly JobOutcome[];
  readonly failed: readonly string[];
  readonly cancelled: readonly string[];
  readonly skipped: readonly string[];
}

const RESULTS: readonly string[] = ['success', 'failure', 'cancelled', 'skipped'];

/** Reads `toJSON(needs)`; throws an Error whose message says what to pass instead. */
export function parseNeeds(text: string): JobOutcome[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(
      'the `needs` input is not JSON: pass `needs: ${{ toJSON(needs) }}` from a job that lists every deploy job in `needs:`',
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(
      'the `needs` input must be the object `${{ toJSON(needs) }}` gives (job id → { result, outputs })',
    );
  }
  return Object.entries(data).map(([job, value]) => {
    const result = (value as { result?: unknown } | null)?.result;
    if (typeof result !== 'string' || !RESULTS.includes(result)) {
      throw new Error(
        `job \`${job}\` in \`needs\` has no result (got ${JSON.stringify(result)}): pass \`\${{ toJSON(needs) }}\` unchanged`,
      );
    }
    return { job, result: result as JobResult };
  });
}

export function aggregate(jobs: readonly JobOutcome[], strict: boolean): Aggregate {
  const of = (result: JobResult): string[] =>
    jobs.filter((j) => j.result === result).map((j) => j.job);
  const failed = of('failure');
  const cancelled = of('cancelled');
  const skipped = of('skipped');
  const conclusion: Conclusion =
    failed.length > 0 || (strict && skipped.length > 0)
      ? 'failure'
      : cancelled.length > 0
        ? 'cancelled'
        : 'success';
  return { conclusion, jobs, failed, cancelled, skipped };
}

const ICONS: Readonly<Record<JobResult, string>> = {
  success: '✅',
  failure: '❌',
  cancelled: '⏹️',
  skipped: '⏭️',
};

/** A Markdown table, one row per job, for the job summary and for messages. */
export function markdownTable(result: Aggregate): string {
  const rows = result.jobs.map(
    (j) => `| \`${j.job.replace(/\|/g, '\\|')}\` | ${ICONS[j.result]} ${j.result} |`,
  );
  return [
    `**Conclusion: ${result.conclusion}**`,
    '',
    '| job | result |',
    '| --- | --- |',
    ...rows,
    '',
    ...(result.cancelled.length > 0 ? [CANCELLED_NOTE, ''] : []),
  ].join('\n');
}

/** Why a deploy or rollback is cancelled without anyone pressing cancel: it is never silent. */
export const CANCELLED_NOTE =
  '⏹️ A cancelled deploy or rollback that never started was most likely replaced in its queue: GitHub keeps one pending job per concurrency group (doppio: environment, working directory and config) and cancels it when a newer deploy or rollback of the same service joins. Check what runs now and re-run it if it is still needed.';
