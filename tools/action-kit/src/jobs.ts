// The jobs a notifying job reports on, as the caller's `toJSON(needs)` (job id → { result,
// outputs }) or, written by hand, an array of { job, result }. Read the same way by the conclusion
// and slack-notify actions.

export const JOB_RESULTS = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type JobResult = (typeof JOB_RESULTS)[number];

export interface JobOutcome {
  readonly job: string;
  readonly result: JobResult;
}

/** Same icons everywhere a result is shown (summaries and Slack). */
export const RESULT_ICONS: Readonly<Record<JobResult, string>> = {
  success: '✅',
  failure: '❌',
  cancelled: '⏹️',
  skipped: '⏭️',
};

function checkedResult(job: string, result: unknown, input: string): JobResult {
  if (typeof result !== 'string' || !(JOB_RESULTS as readonly string[]).includes(result)) {
    throw new Error(
      `job \`${job}\` in \`${input}\` has no result (got ${JSON.stringify(result)}; expected one of ${JOB_RESULTS.join(', ')}): pass \`\${{ toJSON(needs) }}\` unchanged`,
    );
  }
  return result as JobResult;
}

/** Parses the input named `input`; throws an Error whose message says what to pass instead. */
export function parseJobResults(text: string, input: string): JobOutcome[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(
      `the \`${input}\` input is not JSON: pass \`${input}: \${{ toJSON(needs) }}\` from a job that lists every deploy job in \`needs:\``,
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
          `entry ${index} of \`${input}\` has no \`job\` name: each entry is {"job": "<id>", "result": "<result>"}`,
        );
      return { job, result: checkedResult(job, result, input) };
    });
  }
  if (typeof data === 'object' && data !== null) {
    return Object.entries(data).map(([job, value]) => ({
      job,
      result: checkedResult(job, (value as { result?: unknown } | null)?.result, input),
    }));
  }
  throw new Error(
    `the \`${input}\` input must be the object \`\${{ toJSON(needs) }}\` gives (job id → { result, outputs }), or an array of {"job": …, "result": …}`,
  );
}
