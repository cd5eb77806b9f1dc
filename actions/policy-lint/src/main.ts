import * as core from '@actions/core';
import { formatReport, lint, parseRuleOverrides } from '@doppio-dev/doppio-lint';
import { selectAnnotations } from './annotations.js';
import { parseFailOn, parseMaxAnnotations } from './inputs.js';
import { rebaseReport, sarifFilePath, workspacePrefix } from './paths.js';
import { writeSarifFile } from './sarif.js';
import { blobBaseFromEnv, summaryMarkdown } from './summary.js';
import { failureMessage } from './verdict.js';
import { installActionlint } from './actionlint.js';
import { bundledWasmDirectory } from './wasm-files.js';

export async function run(): Promise<void> {
  try {
    // Run as dist/index.js, the linter's WASM files sit beside this file, not in node_modules.
    const wasmDir = bundledWasmDirectory(import.meta.url);
    if (wasmDir && !process.env['DOPPIO_LINT_WASM_DIR'])
      process.env['DOPPIO_LINT_WASM_DIR'] = wasmDir;

    // Paths are relative to the workspace, where the runner starts the step.
    const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
    const path = core.getInput('path') || '.';
    const ruleOverrides = parseRuleOverrides([core.getInput('rules')], 'the `rules` input');
    const failOn = parseFailOn(core.getInput('fail-on') || 'error');
    const maxAnnotations = parseMaxAnnotations(core.getInput('max-annotations') || '50');
    const config = core.getInput('config');
    const actionlintBinary = core.getBooleanInput('actionlint')
      ? await installActionlint({
          workDir: process.env['RUNNER_TEMP'] || workspace,
          baseUrl: core.getInput('actionlint-base-url') || undefined,
        })
      : undefined;
    const linted = await lint({
      paths: [path],
      cwd: workspace,
      configPath: config || undefined,
      ruleOverrides,
      actionlint: actionlintBinary ? 'native' : 'off',
      actionlintBinary,
    });
    const report = rebaseReport(linted, workspacePrefix(workspace, path));

    core.startGroup(
      `doppio-lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings`,
    );
    core.info(formatReport(report, 'stylish'));
    core.endGroup();
    const annotations = selectAnnotations(report.findings, maxAnnotations);
    for (const a of annotations)
      (a.kind === 'error' ? core.error : core.warning)(a.message, a.properties);

    const sarifFile = sarifFilePath(
      core.getInput('sarif-file'),
      workspace,
      process.env['RUNNER_TEMP'],
    );
    writeSarifFile(report, sarifFile);
    core.setOutput('errors', report.summary.errors);
    core.setOutput('warnings', report.summary.warnings);
    core.setOutput('sarif-file', sarifFile);
    if (process.env['GITHUB_STEP_SUMMARY']) {
      await core.summary
        .addRaw(
          summaryMarkdown(report, {
            annotated: annotations.length,
            blobBase: blobBaseFromEnv(process.env),
          }),
          true,
        )
        .write();
    }

    const failure = failureMessage(report.summary, failOn);
    if (failure) core.setFailed(failure);
  } catch (error) {
    // A bad config, option or path: the linter's own message (a UsageError), never a stack.
    core.setFailed(`doppio-lint: ${error instanceof Error ? error.message : String(error)}`);
  }
}
