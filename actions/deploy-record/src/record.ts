// The record of one deploy (or rollback) of one service, from the job's inputs: what deploy-record
// uploads as a workflow-run artifact for the run's notify job.
import {
  type DeployRecord,
  JOB_RESULTS,
  type JobResult,
  RECORD_VERSION,
} from '@doppio-dev/action-kit';

/** The record's fields as the job passes them, with what the result is read from. */
export interface RecordInputs
  extends Pick<
    DeployRecord,
    | 'environment'
    | 'config'
    | 'cluster'
    | 'service'
    | 'before'
    | 'after'
    | 'images'
    | 'digests'
    | 'deregistered'
  > {
  /** As the job gives it; checked against the kinds a record may have. */
  readonly kind: string;
  /** The outcome of the step that deploys (`steps.<id>.outcome`); empty when no single step does. */
  readonly stepOutcome: string;
  /** `job.status` when the record is written: how the job went up to then. */
  readonly jobStatus: string;
  /** What happened in a few words; empty says it from the result. */
  readonly outcome: string;
}

export interface RunFacts {
  readonly serverUrl: string;
  readonly repository: string;
  readonly runId: string;
  readonly runAttempt: number;
  /** job.check_run_id: the job's own page; empty where GitHub does not give it. */
  readonly checkRunId: string;
}

/** The service's result: the deploying step's outcome when it ran; else how the job went (a deploy
 *  refused before that step failed with the job); else, with no single step (a rollback), the job's. */
export function resultOf(stepOutcome: string, jobStatus: string): JobResult {
  for (const [name, value] of [
    ['step-outcome', stepOutcome],
    ['job-status', jobStatus],
  ] as const) {
    if (value !== '' && !(JOB_RESULTS as readonly string[]).includes(value))
      throw new Error(`${name} must be one of ${JOB_RESULTS.join(', ')} or empty, got '${value}'`);
  }
  if (stepOutcome === 'success' || stepOutcome === 'failure' || stepOutcome === 'cancelled')
    return stepOutcome;
  if (jobStatus === 'failure' || jobStatus === 'cancelled') return jobStatus;
  return stepOutcome === '' && jobStatus === 'success' ? 'success' : 'skipped';
}

const DEFAULT_OUTCOMES: Readonly<
  Record<'deploy' | 'rollback', Readonly<Record<JobResult, string>>>
> = {
  deploy: {
    success: 'deployed',
    failure: 'failed',
    cancelled: 'cancelled',
    skipped: 'not deployed',
  },
  rollback: {
    success: 'rolled back',
    failure: 'failed',
    cancelled: 'cancelled',
    skipped: 'not rolled back',
  },
};

export function buildRecord(inputs: RecordInputs, run: RunFacts): DeployRecord {
  if (inputs.kind !== 'deploy' && inputs.kind !== 'rollback')
    throw new Error(`kind must be deploy or rollback (got '${inputs.kind}')`);
  if (!inputs.environment || !inputs.config)
    throw new Error('environment and config name the service a record is about: give both');
  const result = resultOf(inputs.stepOutcome, inputs.jobStatus);
  const runUrl = `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`;
  return {
    version: RECORD_VERSION,
    kind: inputs.kind,
    environment: inputs.environment,
    config: inputs.config,
    cluster: inputs.cluster,
    service: inputs.service,
    result,
    outcome: inputs.outcome || DEFAULT_OUTCOMES[inputs.kind][result],
    before: inputs.before,
    after: inputs.after,
    images: inputs.images,
    digests: inputs.digests,
    deregistered: inputs.deregistered,
    url: run.checkRunId
      ? `${runUrl}/job/${run.checkRunId}`
      : `${runUrl}/attempts/${run.runAttempt}`,
    runAttempt: run.runAttempt,
  };
}
