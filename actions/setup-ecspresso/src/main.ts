import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { installEcspresso } from './install.js';
import { DEFAULT_BASE_URL, parseVersion, platformOf } from './release.js';

export async function run(): Promise<void> {
  try {
    const version = parseVersion(core.getInput('version', { required: true }));
    const platform = platformOf(process.platform, process.arch);
    // An empty base-url (what the reusable workflows pass by default) means GitHub's release downloads.
    const baseUrl = core.getInput('base-url') || DEFAULT_BASE_URL;
    const installed = await installEcspresso({ version, baseUrl, platform, log: (line) => core.info(line) });
    core.addPath(installed.dir);
    // Running it proves the binary suits this runner (an exec format error shows up here, not in
    // the first deploy) and puts the version it reports in the log.
    const check = await getExecOutput(installed.path, ['version'], { ignoreReturnCode: true });
    if (check.exitCode !== 0) {
      throw new Error(`ecspresso ${installed.version} was installed at ${installed.path} but \`ecspresso version\` exited with ${check.exitCode}: ${check.stderr.trim() || check.stdout.trim()}`);
    }
    core.setOutput('version', installed.version);
    core.setOutput('path', installed.path);
    core.setOutput('cache-hit', String(installed.cacheHit));
    core.info(`ecspresso ${installed.version} is on PATH (${installed.path})${installed.cacheHit ? ', from the tool cache' : ''}`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
