import * as core from '@actions/core';
import { outcomeOf, rollbackResult, summaryMarkdown, type Mode } from './report.js';

const MODES: readonly Mode[] = ['', 'ecspresso', 'to-task-definition'];

export async function run(): Promise<void> {
  try {
    const mode = core.getInput('mode') as Mode;
    if (!MODES.includes(mode))
      throw new Error(
        `mode must be rollback-guard's \`mode\` output (\`ecspresso\`, \`to-task-definition\` or empty), got '${mode}'`,
      );
    const input = (name: string): string => core.getInput(name);
    const rollback = {
      environment: input('environment'),
      mode,
      skippedReason: input('skipped-reason'),
      dryRun: core.getBooleanInput('dry-run'),
      deregister: core.getBooleanInput('deregister-task-definition'),
      toInput: input('to-task-definition'),
      ecspressoOutcome: input('ecspresso-outcome'),
      toOutcome: input('to-outcome'),
      deregisteredByAction: input('deregistered'),
      deregisterReason: input('deregister-reason'),
      cluster: input('cluster'),
      service: input('service'),
      consoleUrl: input('console-url'),
      before: input('before'),
      beforeImages: input('before-images'),
      previous: input('previous'),
      after: input('after'),
      afterImages: input('after-images'),
      afterSteady: input('after-steady'),
      afterMatches: input('after-matches') === 'true',
    };
    const result = rollbackResult(rollback);
    core.setOutput('rolled-back', String(result.rolledBack));
    core.setOutput('from-task-definition', result.from);
    core.setOutput('to-task-definition', result.to);
    core.setOutput('deregistered', result.deregistered);
    core.setOutput('skipped-reason', result.reason);
    core.setOutput('outcome', outcomeOf(rollback, result));
    await core.summary.addRaw(summaryMarkdown(rollback, result), true).write();
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
