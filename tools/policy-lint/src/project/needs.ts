// The `needs` graph of a workflow: which jobs run before which. Unknown job ids are ignored, and
// cycles (an actionlint error) end the walk instead of looping.
import type { Job } from '../model/types.js';

/** The jobs `job` names in `needs:`, as jobs of its workflow. */
export function directNeeds(job: Job): Job[] {
  const ids = new Set(job.needs.map((n) => n.value));
  return job.workflow.jobs.filter((j) => ids.has(j.id));
}

/** Every job that must finish before `job` starts (its needs, their needs, …). */
export function ancestors(job: Job): Set<Job> {
  const seen = new Set<Job>();
  const walk = (current: Job): void => {
    for (const need of directNeeds(current)) {
      if (seen.has(need) || need === job) continue;
      seen.add(need);
      walk(need);
    }
  };
  walk(job);
  return seen;
}

/** True when neither job waits for the other: in one run they may run at the same time. */
export function mayRunTogether(a: Job, b: Job): boolean {
  return a !== b && a.workflow === b.workflow && !ancestors(a).has(b) && !ancestors(b).has(a);
}
