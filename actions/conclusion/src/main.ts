import * as core from '@actions/core';
import { parseRecords } from '@doppio-dev/action-kit';
import { aggregate, parseNeeds } from './conclusion.js';
import { releaseSummary } from './release-summary.js';

export async function run(): Promise<void> {
  try {
    const jobs = parseNeeds(core.getInput('needs', { required: true }));
    if (jobs.length === 0)
      core.warning("`needs` lists no job: list every deploy job in the notifying job's `needs:`");
    const result = aggregate(jobs, core.getBooleanInput('strict'));
    const table = releaseSummary(result, parseRecords(core.getInput('records'), 'records'));
    core.setOutput('conclusion', result.conclusion);
    core.setOutput('failed-jobs', JSON.stringify(result.failed));
    core.setOutput('cancelled-jobs', JSON.stringify(result.cancelled));
    core.setOutput('skipped-jobs', JSON.stringify(result.skipped));
    core.setOutput('table', table);
    if (core.getBooleanInput('summary')) await core.summary.addRaw(table, true).write();
    core.info(`conclusion: ${result.conclusion} (${jobs.length} jobs)`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
