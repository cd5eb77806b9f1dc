// A deploy record: what one deploy-ecspresso or rollback run did to one service, left as a
// workflow-run artifact (`doppio-record-…`, holding `record.json`) so the run's notify job can name
// every service, also when they deploy as one matrix job — `needs` holds one result per job id.
// Artifacts of the same run need no token beyond what every job has.
import { JOB_RESULTS, type JobResult, RESULT_ICONS } from './jobs.js';

export const RECORD_PREFIX = 'doppio-record-';
export const RECORD_FILE = 'record.json';
export const RECORD_VERSION = 1;

export interface DeployRecord {
  readonly version: typeof RECORD_VERSION;
  readonly kind: 'deploy' | 'rollback';
  readonly environment: string;
  /** The ecspresso config, from the repository root. */
  readonly config: string;
  /** '' when the run ended before it read the service. */
  readonly cluster: string;
  readonly service: string;
  /** The outcome of the deploy (or rollback) step: success, failure, cancelled, or skipped when it never ran. */
  readonly result: JobResult;
  /** In a few words: deployed, dry run, failed, rolled back, nothing rolled back… */
  readonly outcome: string;
  /** Task definition ARNs before and after ('' when unknown). */
  readonly before: string;
  readonly after: string;
  readonly images: readonly string[];
  /** In the order of `images`. */
  readonly digests: readonly string[];
  readonly deregistered: readonly string[];
  /** The job's page (its own when GitHub says which, else the run's). */
  readonly url: string;
  readonly runAttempt: number;
}

/** Artifact names may not hold `/ \ : < > | * ? "` or spaces; config paths hold slashes. */
export function recordArtifactName(
  record: Pick<DeployRecord, 'kind' | 'environment' | 'config' | 'runAttempt'>,
): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `${RECORD_PREFIX}${record.kind}-${safe(record.environment)}-${safe(record.config)}-${record.runAttempt}`;
}

const STRINGS = [
  'environment',
  'config',
  'cluster',
  'service',
  'outcome',
  'before',
  'after',
  'url',
] as const;
const LISTS = ['images', 'digests', 'deregistered'] as const;

/** Reads a record; throws an Error naming `source` and what is wrong. */
export function parseRecord(text: string, source: string): DeployRecord {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${source} is not a deploy record: not JSON`);
  }
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null) problems.push('not an object');
  else {
    if (data['version'] !== RECORD_VERSION)
      problems.push(
        `version ${JSON.stringify(data['version'])} (this reader knows ${RECORD_VERSION})`,
      );
    if (data['kind'] !== 'deploy' && data['kind'] !== 'rollback')
      problems.push('kind is neither deploy nor rollback');
    if (!(JOB_RESULTS as readonly unknown[]).includes(data['result']))
      problems.push(`result is not one of ${JOB_RESULTS.join(', ')}`);
    for (const key of STRINGS)
      if (typeof data[key] !== 'string') problems.push(`${key} is not a string`);
    for (const key of LISTS)
      if (
        !Array.isArray(data[key]) ||
        !(data[key] as unknown[]).every((v) => typeof v === 'string')
      )
        problems.push(`${key} is not a list of strings`);
    if (!Number.isInteger(data['runAttempt'])) problems.push('runAttempt is not a number');
  }
  if (problems.length > 0)
    throw new Error(`${source} is not a deploy record: ${problems.join('; ')}`);
  return data as unknown as DeployRecord;
}

/** An input holding collect-records' `records` (a JSON array); empty means none. */
export function parseRecords(text: string, input: string): DeployRecord[] {
  if (text.trim() === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`the \`${input}\` input is not JSON: pass collect-records' \`records\` output`);
  }
  if (!Array.isArray(data))
    throw new Error(
      `the \`${input}\` input must be a JSON array of deploy records: pass collect-records' \`records\` output`,
    );
  return data.map((entry, index) =>
    parseRecord(JSON.stringify(entry), `entry ${index} of \`${input}\``),
  );
}

/** One record per kind, environment and service (its config when no service was read), the newest
 *  run attempt's; ordered by environment as they first appear, then service. */
export function latestRecords(records: readonly DeployRecord[]): DeployRecord[] {
  const key = (r: DeployRecord): string =>
    [r.kind, r.environment, r.cluster || r.config, r.service || r.config].join('\0');
  const latest = new Map<string, DeployRecord>();
  for (const record of records) {
    const seen = latest.get(key(record));
    if (!seen || record.runAttempt > seen.runAttempt) latest.set(key(record), record);
  }
  const environments = [...new Set(records.map((r) => r.environment))];
  return [...latest.values()].sort(
    (a, b) =>
      environments.indexOf(a.environment) - environments.indexOf(b.environment) ||
      (a.service || a.config).localeCompare(b.service || b.config) ||
      a.kind.localeCompare(b.kind),
  );
}

/** `arn:…:task-definition/web:42` → `web:42`. */
export function revisionOf(taskDefinition: string): string {
  return taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1);
}

/** `sha256:` and the first 12 hex digits, as registries and `docker images` shorten digests. */
export function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1');
}

/** What a record says in one line (Markdown and Slack's mrkdwn both read its backticks). */
export function recordLine(record: DeployRecord): string {
  const name = `\`${record.service || record.config}\``;
  const where = record.cluster
    ? `${record.environment}, cluster \`${record.cluster}\``
    : record.environment;
  const revisions =
    record.before && record.after && record.before !== record.after
      ? ` \`${revisionOf(record.before)}\` → \`${revisionOf(record.after)}\``
      : record.after || record.before
        ? ` on \`${revisionOf(record.after || record.before)}\``
        : '';
  const digest = record.digests[0] ? ` (${shortDigest(record.digests[0])})` : '';
  const gone =
    record.deregistered.length > 0
      ? `; deregistered ${record.deregistered.map((d) => `\`${revisionOf(d)}\``).join(', ')}`
      : '';
  return `${RESULT_ICONS[record.result]} ${name} (${where}): ${record.outcome}${revisions}${digest}${gone}`;
}
