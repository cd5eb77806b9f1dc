// deploy-ecspresso's inputs, checked before anything touches AWS: one clear message for what is
// wrong, and the values the later steps use (the tag to deploy, ecspresso's wait flag, the config
// paths from the repository root).
import { existsSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { checkImageTag, InputError } from '@doppio-dev/action-kit';

export { InputError };

export interface DeployInputs {
  /** The `image-tag` input; empty means `defaultTag`. */
  readonly imageTag: string;
  /** github.sha: the commit the workflow runs for. */
  readonly defaultTag: string;
  readonly allowNonShaTag: boolean;
  readonly wait: string;
  readonly timeout: string;
  readonly workingDirectory: string;
  readonly config: string;
  readonly compareConfig: string;
  /** The ecspresso release the job installs (setup-ecspresso checks its form). */
  readonly ecspressoVersion: string;
  /** Whether a role to read the compared environment with was given. */
  readonly compareRole: boolean;
}

export interface CheckedInputs {
  readonly imageTag: string;
  /** `--wait-until=stable`, `--wait-until=deployed` or `--no-wait`. */
  readonly waitFlag: string;
  /** The config's path from the repository root (where the actions run). */
  readonly configPath: string;
  /** The other environment's config from the repository root; '' when there is none. */
  readonly compareConfigPath: string;
  /** Said when the deploy goes ahead with something worth a second look. */
  readonly warnings: readonly string[];
}

// What ecspresso's --timeout (Go's time.ParseDuration) reads, in the units that make sense here.
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(h|m|s|ms))+$/;
const WAIT_FLAGS: Readonly<Record<string, string>> = {
  stable: '--wait-until=stable',
  deployed: '--wait-until=deployed',
  none: '--no-wait',
};

/** `exists(path)`: whether the file is there, from the repository root (the checkout). */
export function checkInputs(
  inputs: DeployInputs,
  exists: (path: string) => boolean = isFile,
): CheckedInputs {
  const warnings: string[] = [];
  const { tag: imageTag, warning } = checkImageTag(
    inputs.imageTag,
    inputs.defaultTag,
    inputs.allowNonShaTag,
    'deploying',
  );
  if (warning) warnings.push(warning);
  const waitFlag = Object.hasOwn(WAIT_FLAGS, inputs.wait) ? WAIT_FLAGS[inputs.wait]! : undefined;
  if (!waitFlag)
    throw new InputError(`wait must be stable, deployed or none (got '${inputs.wait}').`);
  const version = /^v?(\d+)\.(\d+)\.(\d+)/.exec(inputs.ecspressoVersion.trim());
  if (
    waitFlag !== '--no-wait' &&
    version &&
    Number(version[1]) * 1e6 + Number(version[2]) * 1e3 + Number(version[3]) < 2_005_000
  ) {
    throw new InputError(
      `ecspresso ${inputs.ecspressoVersion} has no \`deploy --wait-until\` (added in v2.5.0), which wait: ${inputs.wait} uses: set ecspresso-version to v2.5.0 or newer.`,
    );
  }
  if (inputs.timeout && !GO_DURATION.test(inputs.timeout))
    throw new InputError(
      `timeout must be a Go duration such as 10m or 1h30m (got '${inputs.timeout}').`,
    );
  const fromRoot = (path: string): string => posix.join(inputs.workingDirectory || '.', path);
  const configPath = fromRoot(inputs.config);
  if (!exists(configPath))
    throw new InputError(`the ecspresso config ${configPath} does not exist in the checkout.`);
  let compareConfigPath = '';
  if (inputs.compareRole && !inputs.compareConfig)
    throw new InputError(
      "compare-role-to-assume is set but compare-digest-with-config is not: name the other environment's config to read with that role, or drop the role.",
    );
  if (inputs.compareConfig) {
    compareConfigPath = fromRoot(inputs.compareConfig);
    if (!exists(compareConfigPath))
      throw new InputError(`compare-digest-with-config: ${compareConfigPath} does not exist.`);
    if (compareConfigPath === configPath)
      throw new InputError(
        "compare-digest-with-config names the config being deployed; name the other environment's config (for example staging's).",
      );
  }
  return { imageTag, waitFlag, configPath, compareConfigPath, warnings };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
