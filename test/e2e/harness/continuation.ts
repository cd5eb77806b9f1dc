// act v0.2.87 stops a whole run when a job that calls a reusable workflow fails: the inner plan's
// failure comes back as an error (pkg/runner/reusable_workflow.go → runner.go handleFailure) and
// the stages after it never start, so a notify job with `if: always()` after a failed deploy never
// runs — where GitHub runs it. The suite then does what GitHub would: it runs the jobs act left out,
// unchanged but for their `needs` on jobs that already ran, which GitHub would have given them and
// act did not: such a job's `toJSON(needs)` becomes the needs JSON of those jobs (results from act's
// log, outputs empty, as GitHub gives a failed job's). Only the caller is rewritten; doppio's
// workflows run as they are. docs/testing.md describes this.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const CONTINUATION_WORKFLOW = 'e2e-continuation.yml';
export const NEEDS_VARIABLE = 'E2E_NEEDS';

interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { needs?: string | string[]; [key: string]: unknown }>;
}

/** A caller job's result from its legs' results (act reports one per matrix leg): GitHub's rule. */
function combine(results: readonly string[]): string {
  for (const result of ['failure', 'cancelled', 'success'])
    if (results.includes(result)) return result;
  return 'skipped';
}

/** The results act reported, by caller job id. act names a job `<id>` or `<id>-<n>` (matrix legs),
 *  then `/<callee workflow>/<inner job>` for a reusable one; caller jobs must have no `name:`. */
export function callerResults(
  jobs: ReadonlyMap<string, string>,
  jobIds: readonly string[],
): Map<string, string> {
  const byId = new Map<string, string[]>();
  for (const [name, result] of jobs) {
    const first = name.split('/')[0]!.trim();
    const id = jobIds.find(
      (candidate) => first === candidate || new RegExp(`^${candidate}-\\d+$`).test(first),
    );
    if (id) byId.set(id, [...(byId.get(id) ?? []), result]);
  }
  return new Map([...byId].map(([id, results]) => [id, combine(results)]));
}

export interface Continuation {
  /** What the jobs that ran give as needs (results only). */
  readonly needs: Record<string, { result: string; outputs: Record<string, string> }>;
  /** act variables for the continuation run. */
  readonly vars: Record<string, string>;
}

/** Writes the continuation workflow into the repository when act left jobs out; undefined when
 *  every job ran. A left-out job that needs another left-out job keeps that need. */
export function writeContinuation(
  repoDir: string,
  callerFile: string,
  jobs: ReadonlyMap<string, string>,
): Continuation | undefined {
  const caller = parse(
    readFileSync(join(repoDir, '.github', 'workflows', callerFile), 'utf8'),
  ) as Workflow;
  const ids = Object.keys(caller.jobs);
  const ran = callerResults(jobs, ids);
  const left = ids.filter((id) => !ran.has(id));
  if (left.length === 0) return undefined;
  const needs = Object.fromEntries([...ran].map(([id, result]) => [id, { result, outputs: {} }]));
  const continuation: Workflow = {
    on: caller.on,
    ...(caller.permissions ? { permissions: caller.permissions } : {}),
    jobs: {},
  };
  for (const id of left) {
    const { needs: declared, ...job } = caller.jobs[id]!;
    const stillNeeded = [declared ?? []].flat().filter((need) => left.includes(need));
    const text = JSON.stringify(job);
    continuation.jobs[id] = JSON.parse(
      stillNeeded.length > 0 ? text : text.replaceAll('toJSON(needs)', `vars.${NEEDS_VARIABLE}`),
    ) as Workflow['jobs'][string];
    if (stillNeeded.length > 0) continuation.jobs[id]!.needs = stillNeeded;
  }
  writeFileSync(
    join(repoDir, '.github', 'workflows', CONTINUATION_WORKFLOW),
    stringify(continuation),
  );
  return { needs, vars: { [NEEDS_VARIABLE]: JSON.stringify(needs) } };
}
