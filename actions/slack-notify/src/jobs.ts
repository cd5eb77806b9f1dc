// The per-job lines of the message. Accepts what a notifying job naturally has: the caller's
// `toJSON(needs)` object (job id → { result, outputs }), or a hand-written array of { job, result }.

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface JobLine {
  readonly job: string;
  readonly result: JobResult;
}

const RESULTS: readonly string[] = ['success', 'failure', 'cancelled', 'skipped'];

function checkedResult(job: string, result: unknown): JobResult {
  if (typeof result !== 'string' || !RESULTS.includes(result)) {
    throw new Error(
      `job \`${job}\` in \`jobs\` has no valid result (got ${JSON.stringify(result)}; expected one of ${RESULTS.join(', ')})`,
    );
  }
  return result as JobResult;
}

/** Parses the `jobs` input; throws an Error whose message says what to pass instead. */
export function parseJobs(text: string): JobLine[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(
      'the `jobs` input is not JSON: pass `jobs: ${{ toJSON(needs) }}` or an array of {"job": …, "result": …}',
    );
  }
  if (Array.isArray(data)) {
    return data.map((entry: unknown, index) => {
      const { job, result } = (typeof entry === 'object' && entry !== null ? entry : {}) as {
        job?: unknown;
        result?: unknown;
      };
      if (typeof job !== 'string' || job === '')
        throw new Error(
          `entry ${index} of \`jobs\` has no \`job\` name: each entry is {"job": "<id>", "result": "<result>"}`,
        );
      return { job, result: checkedResult(job, result) };
    });
  }
  if (typeof data === 'object' && data !== null) {
    return Object.entries(data).map(([job, value]) => ({
      job,
      result: checkedResult(job, (value as { result?: unknown } | null)?.result),
    }));
  }
  throw new Error(
    'the `jobs` input must be `${{ toJSON(needs) }}` (an object) or an array of {"job": …, "result": …}',
  );
}
