// The double-rollback guard: whether a rollback runs, and how, given what the service runs now.
// The ECS deployment circuit breaker may already have returned the service from the bad revision
// N to N-1; `ecspresso rollback` would then go on to N-2 and deregister N-1, the good one. So when
// the caller names the revision to undo and the service no longer runs it, nothing is done.

export interface GuardInput {
  /** The revision to undo (ARN or `family:revision`); '' when the caller gave none. */
  readonly undo: string;
  /** A known-good revision to return to (ARN or `family:revision`); '' for ecspresso's previous revision. */
  readonly to: string;
  /** `family:revision` the service runs now. */
  readonly running: string;
  /** Whether the service still runs `undo` (service-state's `matches-expected`); ignored without `undo`. */
  readonly undoStillRuns: boolean;
}

export type Decision =
  | { readonly mode: 'ecspresso' | 'to-task-definition'; readonly warning?: string }
  | { readonly mode: 'skip'; readonly reason: string; readonly level: 'warning' | 'notice' };

/** `family:revision` of an ARN, or of `family:revision` itself. */
export function revisionName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

export function decide({ undo, to, running, undoStillRuns }: GuardInput): Decision {
  if (undo && !undoStillRuns) {
    const reason = `the service runs ${running}, not ${revisionName(undo)}: it was already rolled back (by the ECS deployment circuit breaker or by hand), so nothing was rolled back and no good revision deregistered`;
    return { mode: 'skip', reason, level: 'warning' };
  }
  if (to && revisionName(to) === running) {
    return {
      mode: 'skip',
      reason: `the service already runs ${running}, the to-task-definition: nothing to do`,
      level: 'notice',
    };
  }
  const mode = to ? 'to-task-definition' : 'ecspresso';
  if (!undo)
    return {
      mode,
      warning: `undo-task-definition is not set: the double-rollback guard is off, and whatever the service runs now (${running}) is rolled back`,
    };
  return { mode };
}
