import * as core from '@actions/core';
import { decide } from './guard.js';

export async function run(): Promise<void> {
  try {
    const undo = core.getInput('undo-task-definition');
    const running = core.getInput('running', { required: true });
    const stillRuns = core.getInput('undo-still-runs');
    if (undo && stillRuns !== 'true' && stillRuns !== 'false') {
      throw new Error(
        `undo-still-runs must be \`true\` or \`false\` when undo-task-definition is set (got '${stillRuns}'): pass service-state's \`matches-expected\` output, read with \`expected-task-definition\` set to the same revision`,
      );
    }
    const decision = decide({
      undo,
      to: core.getInput('to-task-definition'),
      running,
      undoStillRuns: stillRuns === 'true',
    });
    if (decision.mode === 'skip') {
      if (decision.level === 'warning') core.warning(decision.reason);
      else core.notice(decision.reason);
      core.setOutput('mode', '');
      core.setOutput('skipped-reason', decision.reason);
      return;
    }
    if (decision.warning) core.warning(decision.warning);
    core.setOutput('mode', decision.mode);
    core.setOutput('skipped-reason', '');
    core.info(
      `rolling back ${running} (${decision.mode === 'ecspresso' ? 'ecspresso rollback' : 'to the known-good revision'})`,
    );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
