import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as core from '@actions/core';
import { installEcspresso } from './install.js';
import {
  DEFAULT_BASE_URL,
  parseSha256,
  parseVersion,
  platformOf,
  reportedVersion,
} from './release.js';

export async function run(): Promise<void> {
  try {
    const version = parseVersion(core.getInput('version', { required: true }));
    const platform = platformOf(process.platform, process.arch);
    // An empty base-url (what the reusable workflows pass by default) means GitHub's release downloads.
    const baseUrl = core.getInput('base-url') || DEFAULT_BASE_URL;
    const sha256 = parseSha256(core.getInput('sha256'));
    const workDir = process.env['RUNNER_TEMP'];
    if (!workDir)
      throw new Error(
        'RUNNER_TEMP is not set: setup-ecspresso runs as a step of a GitHub Actions job',
      );
    const installed = await installEcspresso({
      version,
      baseUrl,
      platform,
      sha256,
      workDir,
      log: (line) => core.info(line),
      warn: (line) => core.warning(line),
    });
    // Running it proves the binary suits this runner (an exec format error shows up here, not in
    // the first deploy), and that it is the version asked for: a mirror or a cache could hold
    // another build under the same name.
    let printed: string;
    try {
      printed = (await promisify(execFile)(installed.path, ['version'])).stdout;
    } catch (error) {
      const failed = error as {
        code?: number | string;
        stderr?: string;
        stdout?: string;
        message: string;
      };
      const detail = (failed.stderr || failed.stdout || failed.message).trim();
      throw new Error(
        `ecspresso ${installed.version} was installed at ${installed.path} but \`ecspresso version\` ${typeof failed.code === 'number' ? `exited with ${failed.code}` : 'could not run'}: ${detail}`,
      );
    }
    core.info(printed);
    const reported = reportedVersion(printed);
    if (reported !== installed.version) {
      throw new Error(
        `the binary installed as ecspresso ${installed.version} reports ${reported ?? 'no version'} (\`ecspresso version\` printed ${JSON.stringify(printed.trim())}): not the version asked for, so it is not used`,
      );
    }
    core.addPath(installed.dir);
    core.setOutput('version', installed.version);
    core.setOutput('path', installed.path);
    core.setOutput('cache-hit', String(installed.cacheHit));
    core.info(
      `ecspresso ${installed.version} is on PATH (${installed.path})${installed.cacheHit ? ', from the tool cache' : ''}`,
    );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
