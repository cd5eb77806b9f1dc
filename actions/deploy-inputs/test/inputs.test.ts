import { describe, expect, it } from 'vitest';
import { checkInputs, InputError, type DeployInputs } from '../src/inputs.js';

const SHA = 'a'.repeat(40);
const inputs: DeployInputs = {
  imageTag: '',
  defaultTag: SHA,
  allowNonShaTag: false,
  wait: 'stable',
  timeout: '',
  workingDirectory: '.',
  config: '.ecspresso/production/web.yaml',
  compareConfig: '',
  ecspressoVersion: 'v2.5.0',
  compareRole: false,
};
const files = new Set([
  '.ecspresso/production/web.yaml',
  '.ecspresso/staging/web.yaml',
  'services/api/.ecspresso/production/api.yaml',
  'services/api/.ecspresso/staging/api.yaml',
]);
const exists = (path: string): boolean => files.has(path);
const check = (changes: Partial<DeployInputs>) => checkInputs({ ...inputs, ...changes }, exists);

describe('checkInputs', () => {
  it('deploys github.sha when no tag is given, waiting until stable', () => {
    expect(check({})).toEqual({
      imageTag: SHA,
      waitFlag: '--wait-until=stable',
      configPath: '.ecspresso/production/web.yaml',
      compareConfigPath: '',
      warnings: [],
    });
  });

  it('refuses a tag that is not a full commit SHA, saying what to do', () => {
    expect(() => check({ imageTag: 'latest' })).toThrow(
      new InputError(
        "image-tag 'latest' is not a full 40-hex commit SHA. Leave it empty to use github.sha, pass a full commit SHA, or set allow-non-sha-tag: true.",
      ),
    );
    expect(() => check({ imageTag: SHA.slice(0, 7) })).toThrow(/not a full 40-hex commit SHA/);
  });

  it('accepts another valid Docker tag when allowed, with a warning; never an invalid one', () => {
    expect(check({ imageTag: 'v1.2.3', allowNonShaTag: true })).toMatchObject({
      imageTag: 'v1.2.3',
      warnings: [
        "deploying 'v1.2.3', which is not a commit SHA (allow-non-sha-tag is true): it cannot be traced to a commit.",
      ],
    });
    expect(() => check({ imageTag: 'feature/x', allowNonShaTag: true })).toThrow(
      "image-tag 'feature/x' is not a valid Docker tag",
    );
  });

  it('maps wait to ecspresso’s flag and checks the timeout is a Go duration', () => {
    expect(check({ wait: 'deployed' }).waitFlag).toBe('--wait-until=deployed');
    expect(check({ wait: 'none' }).waitFlag).toBe('--no-wait');
    expect(() => check({ wait: 'forever' })).toThrow(
      "wait must be stable, deployed or none (got 'forever').",
    );
    expect(() => check({ wait: 'constructor' })).toThrow(/wait must be/);
    expect(check({ timeout: '1h30m' }).imageTag).toBe(SHA);
    expect(() => check({ timeout: '10 minutes' })).toThrow(
      "timeout must be a Go duration such as 10m or 1h30m (got '10 minutes').",
    );
  });

  it('gives the config paths from the repository root, and they must exist', () => {
    expect(
      check({
        workingDirectory: 'services/api',
        config: '.ecspresso/production/api.yaml',
        compareConfig: '.ecspresso/staging/api.yaml',
      }),
    ).toMatchObject({
      configPath: 'services/api/.ecspresso/production/api.yaml',
      compareConfigPath: 'services/api/.ecspresso/staging/api.yaml',
    });
    expect(() => check({ config: '.ecspresso/prod/web.yaml' })).toThrow(
      'the ecspresso config .ecspresso/prod/web.yaml does not exist in the checkout.',
    );
    expect(() => check({ compareConfig: '.ecspresso/stg/web.yaml' })).toThrow(
      'compare-digest-with-config: .ecspresso/stg/web.yaml does not exist.',
    );
  });

  it('refuses an ecspresso older than v2.5.0 when waiting, since it has no deploy --wait-until', () => {
    expect(() => check({ ecspressoVersion: 'v2.4.6' })).toThrow(
      new InputError(
        'ecspresso v2.4.6 has no `deploy --wait-until` (added in v2.5.0), which wait: stable uses: set ecspresso-version to v2.5.0 or newer.',
      ),
    );
    expect(() => check({ ecspressoVersion: '1.7.17', wait: 'deployed' })).toThrow(
      'which wait: deployed uses',
    );
    expect(check({ ecspressoVersion: 'v2.4.6', wait: 'none' }).waitFlag).toBe('--no-wait');
    expect(check({ ecspressoVersion: 'v2.8.7' }).waitFlag).toBe('--wait-until=stable');
    expect(check({ ecspressoVersion: 'v10.0.0' }).waitFlag).toBe('--wait-until=stable');
  });

  it('refuses a role to read the other environment with when there is none to compare with', () => {
    expect(() => check({ compareRole: true })).toThrow(
      'compare-role-to-assume is set but compare-digest-with-config is not',
    );
    expect(
      check({ compareRole: true, compareConfig: '.ecspresso/staging/web.yaml' }).compareConfigPath,
    ).toBe('.ecspresso/staging/web.yaml');
  });

  it('refuses to compare a config with itself', () => {
    expect(() => check({ compareConfig: './.ecspresso/production/web.yaml' })).toThrow(
      "compare-digest-with-config names the config being deployed; name the other environment's config (for example staging's).",
    );
  });
});
