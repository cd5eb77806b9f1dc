// One default ecspresso version, the one the end-to-end suite runs, wherever doppio names it: the
// reusable workflows' inputs, setup-ecspresso's default, what `doppio-lint --fix` writes for
// `version: latest`, and docs/ecspresso.md.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const yaml = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));
const DEFAULT = String(yaml('actions/setup-ecspresso/action.yml').inputs.version.default);

it('setup-ecspresso installs an exact default version', () => {
  expect(DEFAULT).toMatch(/^v\d+\.\d+\.\d+$/);
});

it.each(['deploy-ecspresso.yml', 'rollback.yml'])('%s defaults to the same version', (file) => {
  expect(
    yaml(`.github/workflows/${file}`).on.workflow_call.inputs['ecspresso-version'].default,
  ).toBe(DEFAULT);
});

it('doppio-lint --fix writes the same version in place of latest', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ecspresso-version-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  const workflow = join(root, '.github', 'workflows', 'deploy.yml');
  const sha = 'a'.repeat(40);
  writeFileSync(
    workflow,
    `on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: doppio-dev/doppio/actions/setup-ecspresso@${sha} # v1.0.0\n        with:\n          version: latest\n`,
  );
  await lint({ paths: [root], actionlint: 'off', fix: {}, cwd: root });
  expect(readFileSync(workflow, 'utf8')).toContain(`          version: ${DEFAULT}\n`);
});

it('docs/ecspresso.md names it the default the end-to-end suite runs', () => {
  expect(readFileSync(join(ROOT, 'docs', 'ecspresso.md'), 'utf8')).toContain(
    `The default is **${DEFAULT}**, the version doppio's end-to-end suite runs`,
  );
});
