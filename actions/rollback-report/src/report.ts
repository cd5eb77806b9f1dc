// What a rollback did, told from its steps' outcomes and what the service ran before and after.
// A rollback counts only when the service is seen on another revision afterwards; a revision
// counts as deregistered only when the step that deregisters it succeeded (ecspresso deregisters
// the revision it rolled back from, and fails when it cannot; return-to-revision says what it
// deregistered).

export type Mode = '' | 'ecspresso' | 'to-task-definition';

export interface RollbackRun {
  readonly environment: string;
  /** rollback-guard's `mode`: empty when it decided nothing should be done. */
  readonly mode: Mode;
  readonly skippedReason: string;
  readonly dryRun: boolean;
  readonly deregister: boolean;
  /** The known-good revision asked for, if any. */
  readonly toInput: string;
  /** Outcomes (`success`, `failure`, `skipped`, …; empty when the step did not run). */
  readonly ecspressoOutcome: string;
  readonly toOutcome: string;
  /** What return-to-revision deregistered after a return to a known-good revision, or, when the
   *  guard found the deploy already reverted, what deregister-rejected deregistered ('' when nothing). */
  readonly deregisteredByAction: string;
  /** deregister-rejected's `reason`, when it ran. */
  readonly deregisterReason: string;
  /** The service, as service-state read it before and after. */
  readonly cluster: string;
  readonly service: string;
  readonly consoleUrl: string;
  readonly before: string;
  readonly beforeImages: string;
  readonly previous: string;
  readonly after: string;
  readonly afterImages: string;
  readonly afterSteady: string;
  readonly afterMatches: boolean;
}

export interface RollbackResult {
  readonly rolledBack: boolean;
  readonly from: string;
  readonly to: string;
  readonly deregistered: string;
  readonly reason: string;
}

export function rollbackResult(run: RollbackRun): RollbackResult {
  // A rollback was attempted (or dry-run) only when the guard chose a mode.
  const from = run.mode ? run.before : '';
  if (run.dryRun && run.mode) {
    // Nothing changed; name where the service would go.
    return {
      rolledBack: false,
      from,
      to: run.mode === 'to-task-definition' ? run.toInput : run.previous,
      deregistered: '',
      reason: 'dry run: nothing was changed',
    };
  }
  if (run.mode === 'ecspresso' && run.ecspressoOutcome === 'success' && run.after) {
    const rolledBack = run.after !== run.before;
    return {
      rolledBack,
      from,
      to: run.after,
      deregistered: rolledBack && run.deregister ? run.before : '',
      reason: run.skippedReason,
    };
  }
  if (run.mode === 'to-task-definition' && run.toOutcome === 'success' && run.after) {
    return {
      rolledBack: run.afterMatches,
      from,
      to: run.after,
      deregistered: run.deregisteredByAction,
      reason: run.skippedReason,
    };
  }
  // Skipped because ECS already reverted the deploy: the revision it rejected may have been deregistered.
  const deregistered = run.mode === '' ? run.deregisteredByAction : '';
  return { rolledBack: false, from, to: '', deregistered, reason: run.skippedReason };
}

/** What the rollback did, in a few words: the deploy record's `outcome`. */
export function outcomeOf(run: RollbackRun, result: RollbackResult): string {
  if (run.dryRun && run.mode) return 'dry run';
  if (result.rolledBack) return 'rolled back';
  return result.reason ? 'nothing rolled back' : 'failed';
}

/** The job summary: a headline and a table of the service, the revisions and the images. */
export function summaryMarkdown(run: RollbackRun, result: RollbackResult): string {
  const name = (ref: string): string => (ref ? `\`${ref.slice(ref.lastIndexOf('/') + 1)}\`` : '—');
  const headline = result.rolledBack
    ? '✅ Rolled back'
    : result.reason
      ? `⏭️ Nothing rolled back: ${result.reason}`
      : '❌ Rollback failed (see the log)';
  const rows = [
    ...(run.cluster
      ? [`| service | [\`${run.cluster}/${run.service}\`](${run.consoleUrl}) |`]
      : []),
    ...(!result.from && run.before ? [`| runs | ${name(run.before)} (unchanged) |`] : []),
    `| from | ${name(result.from)} |`,
    `| to | ${name(result.to)} |`,
    `| deregistered | ${name(result.deregistered)}${!result.rolledBack && run.deregisterReason ? ` (${run.deregisterReason.replaceAll('|', '\\|')})` : ''} |`,
    ...(run.beforeImages ? [`| images before | \`${run.beforeImages}\` |`] : []),
    ...(run.afterImages
      ? [`| images after | \`${run.afterImages}\` (steady: ${run.afterSteady || 'unknown'}) |`]
      : []),
  ];
  return [
    `### Rollback: ${run.service || 'service'} (${run.environment})`,
    '',
    headline,
    '',
    '| | |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
