// The committed bundle really runs as GitHub runs it: `node dist/index.js` with INPUT_* variables,
// from a copy of the action folder (package.json and dist/) with no node_modules anywhere above it,
// so every file the linter loads at run time must come from dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile } from '@doppio-dev/action-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_SERVICE, EXAMPLE_SERVICE, writeRepo } from './support/repos.js';

const ACTION = join(import.meta.dirname, '..');
let bundle: string;

beforeAll(() => {
  expect(
    existsSync(join(ACTION, 'dist', 'index.js')),
    'actions/policy-lint/dist/ is missing: run `pnpm --filter ./actions/policy-lint run build`',
  ).toBe(true);
  const copy = join(
    mkdtempSync(join(tmpdir(), 'doppio-policy-lint-dist-')),
    'actions',
    'policy-lint',
  );
  mkdirSync(copy, { recursive: true });
  cpSync(join(ACTION, 'package.json'), join(copy, 'package.json'));
  cpSync(join(ACTION, 'dist'), join(copy, 'dist'), { recursive: true });
  bundle = join(copy, 'dist', 'index.js');
});

interface BundleRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

function runBundle(workspace: string, inputs: Record<string, string>): BundleRun {
  const files = mkdtempSync(join(tmpdir(), 'doppio-policy-lint-run-'));
  const [output, summary] = [join(files, 'output'), join(files, 'summary')];
  writeFileSync(output, '');
  writeFileSync(summary, '');
  // A clean environment, as on a runner: nothing from this test process (no DOPPIO_LINT_WASM_DIR).
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: files,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [bundle], {
    cwd: workspace,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

const INPUTS = { path: '.', actionlint: 'true', 'fail-on': 'error', 'max-annotations': '50' };

describe('node dist/index.js', () => {
  it('lints the example service clean with actionlint: exit 0', () => {
    const result = runBundle(EXAMPLE_SERVICE, INPUTS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/^::(error|warning)/m);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(result.summary).toContain('✅ **No problems**');
  });

  it('on a repository with errors: exit 1, annotations from every part of the linter, a SARIF 2.1.0 file', () => {
    const result = runBundle(writeRepo(BAD_SERVICE), INPUTS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const file = 'file=.github/workflows/build.yml';
    expect(result.stdout).toContain(`::error title=pinned-actions,${file},line=11,`);
    expect(result.stdout).toContain(`::warning title=unused-suppression,${file},line=12,`);
    // Found by parsing the `run:` script: tree-sitter's WASM files came from dist/.
    expect(result.stdout).toContain(`::error title=rollback-deregister,${file},line=13,`);
    // Found by actionlint: its WASM module and Go glue came from dist/.
    expect(result.stdout).toContain(`::error title=actionlint/expression,${file},line=14,`);
    expect(result.stdout).toMatch(/^::error::doppio-lint found \d+ errors/m);

    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as {
      version: string;
      runs: {
        tool: { extensions?: { name: string }[] };
        results: { ruleId: string; level: string }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results;
    expect(results.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining([
        'pinned-actions',
        'unused-suppression',
        'rollback-deregister',
        'actionlint/expression',
      ]),
    );
    expect(String(results.filter((r) => r.level === 'error').length)).toBe(
      result.outputs['errors'],
    );
    expect(sarif.runs[0]!.tool.extensions?.[0]?.name).toBe('actionlint');
  });

  it('evaluates a jsonnet task definition: go-jsonnet’s WASM module and its glue came from dist/', () => {
    const result = runBundle(
      writeRepo({
        'ecspresso.jsonnet': "{ cluster: 'web', service: 'web', task_definition: 'td.jsonnet' }\n",
        'td.jsonnet':
          "local registry = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';\n{\n  containerDefinitions: [{ name: 'web', image: registry + '/web:latest' }],\n}\n",
      }),
      { ...INPUTS, actionlint: 'false' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('::error title=image-tag-sha,file=td.jsonnet,line=3,');
  });

  it('a bad config fails the step with the linter’s message and no stack trace', () => {
    const result = runBundle(writeRepo({ ...BAD_SERVICE, '.doppio.yml': 'nope: 1\n' }), INPUTS);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::doppio-lint: .doppio.yml:1:1: unknown key `nope` in the configuration: the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`',
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  });
});
