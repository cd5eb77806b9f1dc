import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { collectRecords, type RecordArtifacts } from './collect.js';

export async function run(artifacts: RecordArtifacts = new DefaultArtifactClient()): Promise<void> {
  try {
    const { records, problems } = await collectRecords(
      artifacts,
      process.env['RUNNER_TEMP'] || tmpdir(),
    );
    for (const problem of problems) core.warning(problem);
    core.setOutput('records', JSON.stringify(records));
    core.setOutput('count', String(records.length));
    core.info(
      `${records.length} deploy record${records.length === 1 ? '' : 's'}: ${records.map((r) => `${r.environment}/${r.service || r.config} ${r.result}`).join(', ') || 'none'}`,
    );
  } catch (error) {
    // Without records the notification still names every job by its result.
    core.warning(
      `could not list this run's deploy records (${error instanceof Error ? error.message : String(error)}): the notification names the jobs by their results only`,
    );
    core.setOutput('records', '[]');
    core.setOutput('count', '0');
  }
}
