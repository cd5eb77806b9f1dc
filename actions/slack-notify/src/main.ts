import * as core from '@actions/core';
import { parseJobResults, parseRecords } from '@doppio-dev/action-kit';
import { readRunContext } from './context.js';
import { deliver, type DeliveryOptions } from './deliver.js';
import {
  parseConclusion,
  parseRetries,
  parseTimeoutSeconds,
  parseWebhookUrl,
  redact,
} from './inputs.js';
import { buildMessage } from './message.js';

/** Tests replace the wait between attempts; the action itself really waits. */
export async function run(overrides: Pick<DeliveryOptions, 'sleep'> = {}): Promise<void> {
  let secrets: string[] = [];
  const safe = (text: string): string => secrets.reduce(redact, text);
  try {
    const raw = core.getInput('webhook-url', { required: true });
    core.setSecret(raw);
    secrets = [raw];
    const webhook = parseWebhookUrl(raw);
    // The parsed form can differ (a trailing slash, a lower-cased host): mask that spelling too.
    if (webhook.href !== raw) core.setSecret(webhook.href);
    secrets = [raw, webhook.href];

    const conclusion = parseConclusion(core.getInput('conclusion', { required: true }));
    const jobs = parseJobResults(core.getInput('jobs', { required: true }), 'jobs');
    const records = parseRecords(core.getInput('records'), 'records');
    const timeoutSeconds = parseTimeoutSeconds(core.getInput('timeout-seconds'));
    const retries = parseRetries(core.getInput('retries'));
    const failOnError = core.getBooleanInput('fail-on-error');
    const message = buildMessage({
      context: readRunContext(process.env),
      conclusion,
      jobs,
      records,
      title: core.getInput('title'),
    });

    const result = await deliver(webhook, message, {
      ...overrides,
      retries,
      timeoutMs: timeoutSeconds * 1000,
      log: (line) => core.info(safe(line)),
    });
    core.setOutput('delivered', String(result.delivered));
    core.setOutput('status', result.status === undefined ? '' : String(result.status));
    core.setOutput('attempts', String(result.attempts));
    if (result.delivered) {
      core.info(
        `Slack message delivered (${conclusion}, ${jobs.length} job${jobs.length === 1 ? '' : 's'}, attempt ${result.attempts})`,
      );
      return;
    }
    // An outage is always visible: in the log as a warning (or the step's error) and in the summary.
    const report = safe(
      `Slack notification not delivered after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.failure ?? 'unknown error'}`,
    );
    if (failOnError) core.setFailed(report);
    else core.warning(`${report} (the step does not fail: set fail-on-error to make it)`);
    try {
      // The response body is the server's text: escaped so it cannot become markup in the summary.
      await core.summary
        .addRaw(
          `> ⚠️ ${report.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`,
          true,
        )
        .write();
    } catch (error) {
      core.warning(
        `could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } catch (error) {
    core.setFailed(safe(error instanceof Error ? error.message : String(error)));
  }
}
