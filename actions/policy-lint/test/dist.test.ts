// The committed bundle really runs as GitHub runs it: `node dist/index.js` with INPUT_* variables,
// from a copy of the action folder (package.json and dist/) with no node_modules anywhere above it,
// so every file the linter loads at run time must come from dist/.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile } from '@doppio-dev/action-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONLINT_VERSION, ARCHIVES } from '../src/actionlint.js';
import { serve } from './support/actionlint-release.js';
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

/** Runs the bundle without blocking this process, which may be serving it a download. */
async function runBundle(workspace: string, inputs: Record<string, string>): Promise<BundleRun> {
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
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [bundle],
        { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({
            status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            stdout,
            stderr,
          }),
      );
    },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

// actionlint's release cannot be reached from the tests: the bundle runs without it here, and
// test/main.test.ts runs the sources with a stand-in of the release.
const INPUTS = { path: '.', actionlint: 'false', 'fail-on': 'error', 'max-annotations': '50' };

describe('node dist/index.js', () => {
  it('lints the example service clean: exit 0', async () => {
    const result = await runBundle(EXAMPLE_SERVICE, INPUTS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/^::(error|warning)/m);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(result.summary).toContain('✅ **No problems**');
  });

  it('on a repository with errors: exit 1, annotations from every part of the linter, a SARIF 2.1.0 file', async () => {
    const result = await runBundle(writeRepo(BAD_SERVICE), INPUTS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const file = 'file=.github/workflows/build.yml';
    expect(result.stdout).toContain(`::error title=pinned-actions,${file},line=11,`);
    expect(result.stdout).toContain(`::warning title=unused-suppression,${file},line=12,`);
    // Found by parsing the `run:` script: tree-sitter's WASM files came from dist/.
    expect(result.stdout).toContain(`::error title=rollback-deregister,${file},line=13,`);
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
      expect.arrayContaining(['pinned-actions', 'unused-suppression', 'rollback-deregister']),
    );
    expect(String(results.filter((r) => r.level === 'error').length)).toBe(
      result.outputs['errors'],
    );
  });

  it('checks the SHA-256 of the actionlint it downloads, and runs nothing else', async () => {
    const fake = Buffer.from('not actionlint');
    const release = await serve(
      Object.fromEntries(
        Object.values(ARCHIVES).map(({ name }) => [`/v${ACTIONLINT_VERSION}/${name}`, fake]),
      ),
    );
    try {
      const result = await runBundle(writeRepo(BAD_SERVICE), {
        ...INPUTS,
        actionlint: 'true',
        'actionlint-base-url': release.baseUrl,
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(
        /^::error::doppio-lint: http:\/\/127\.0\.0\.1:\d+\/v1\.7\.12\/actionlint_1\.7\.12_\w+\.(tar\.gz|zip) has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} of actionlint's release: nothing was run\./m,
      );
      expect(result.outputs).toEqual({});
    } finally {
      release.close();
    }
  });

  it('evaluates a jsonnet task definition: go-jsonnet’s WASM module and its glue came from dist/', async () => {
    const result = await runBundle(
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

  it('a bad config fails the step with the linter’s message and no stack trace', async () => {
    const result = await runBundle(
      writeRepo({ ...BAD_SERVICE, '.doppio.yml': 'nope: 1\n' }),
      INPUTS,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::doppio-lint: .doppio.yml:1:1: unknown key `nope` in the configuration: the keys there are `rules`, `ignore`, `environments`, `shared-flow`, `max-file-size`',
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  });
});
