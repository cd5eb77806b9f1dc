// Whether the step fails, by `fail-on`: the findings decide, the linter's exit status does not.
import type { FailOn } from './inputs.js';

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
}

/** The step's failure message, or undefined when the findings do not fail it. */
export function failureMessage(counts: Counts, failOn: FailOn): string | undefined {
  const failing =
    failOn === 'error'
      ? counts.errors > 0
      : failOn === 'warning'
        ? counts.errors + counts.warnings > 0
        : false;
  if (!failing) return undefined;
  return `doppio-lint found ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} (fail-on: ${failOn}); see the annotations and the job summary`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
