// One conclusion for many jobs: the caller's `toJSON(needs)` in, failure > cancelled > success
// out. Skipped jobs count as success (a skipped deploy changed nothing) unless `strict`.

import { type JobOutcome, type JobResult, parseJobResults } from '@doppio-dev/action-kit';

export type Conclusion = 'success' | 'failure' | 'cancelled';

export interface Aggregate {
  readonly conclusion: Conclusion;
  readonly jobs: readonly JobOutcome[];
  readonly failed: readonly string[];
  readonly cancelled: readonly string[];
  readonly skipped: readonly string[];
}

/** Reads `toJSON(needs)`; throws an Error whose message says what to pass instead. */
export function parseNeeds(text: string): JobOutcome[] {
  return parseJobResults(text, 'needs');
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

/** Why a deploy or rollback is cancelled without anyone pressing cancel: it is never silent. */
export const CANCELLED_NOTE =
  '⏹️ A cancelled deploy or rollback that never started was most likely replaced in its queue: GitHub keeps one pending job per concurrency group (doppio: environment, working directory and config) and cancels it when a newer deploy or rollback of the same service joins. Check what runs now and re-run it if it is still needed.';
