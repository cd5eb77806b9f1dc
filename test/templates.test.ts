// The caller templates (workflows/templates/) and the example service that uses them: GitHub's
// parser accepts them with every call checked against the called workflow's inputs and secrets
// (served from this checkout, as GitHub would serve them from the release), they lint clean as a
// repository with actionlint, and they follow the rules doppio's own workflows follow.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lint } from '@doppio-dev/doppio-lint';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const TEMPLATES = join(ROOT, 'workflows', 'templates');
const EXAMPLE = join(ROOT, 'workflows', 'example-service');
const EXAMPLE_WORKFLOWS = join(EXAMPLE, '.github', 'workflows');

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
const templates = yamlFiles(TEMPLATES);
const rel = (path: string): string => relative(ROOT, path);
const files = [
  ...templates.map((f) => join(TEMPLATES, f)),
  ...yamlFiles(EXAMPLE_WORKFLOWS).map((f) => join(EXAMPLE_WORKFLOWS, f)),
];

const scratch = mkdtempSync(join(tmpdir(), 'doppio-templates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Serves doppio's own reusable workflows (any ref) from this checkout. */
const fileProvider = {
  async getFileContent(ref: FileReference) {
    if ('repository' in ref && ref.owner === 'doppio-dev' && ref.repository === 'doppio')
      return { name: ref.path, content: readFileSync(join(ROOT, ref.path), 'utf8') };
    throw new Error(`no such workflow in this repository: ${JSON.stringify(ref)}`);
  },
};

async function parserErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value === undefined) return errors;
  const template = await convertWorkflowTemplate(result.context, result.value, fileProvider, {
    fetchReusableWorkflowDepth: 1,
  });
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}

describe('GitHub workflow parser', () => {
  it('finds the four templates', () => {
    expect(templates).toEqual(['policy-lint.yml', 'production.yml', 'rollback.yml', 'staging.yml']);
  });

  it.each(files.map(rel))('accepts %s, every call matching its callee', async (path) => {
    expect(await parserErrors(path, readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
  });

  it('reports a template call that misses a required input or passes an unknown one (the check is real)', async () => {
    const text = readFileSync(join(TEMPLATES, 'staging.yml'), 'utf8')
      .replace(/^ {6}aws-region: .*\n/m, '')
      .replace('ecr-repository:', 'ecr-repo:');
    const errors = JSON.stringify(await parserErrors('staging.yml', text));
    expect(errors).toContain('aws-region');
    expect(errors).toContain('ecr-repo');
  });
});

describe('the example service', () => {
  it('runs the templates as they are (`doppio-lint init` with its values writes them)', () => {
    expect(yamlFiles(EXAMPLE_WORKFLOWS)).toEqual(templates);
    for (const name of templates)
      expect(readFileSync(join(EXAMPLE_WORKFLOWS, name), 'utf8'), name).toBe(
        readFileSync(join(TEMPLATES, name), 'utf8'),
      );
  });

  it('has an ecspresso config, task and service definition for each service and environment, the image tagged by IMAGE_TAG', () => {
    for (const environment of ['staging', 'production']) {
      for (const service of ['web', 'worker']) {
        const config = parse(
          readFileSync(join(EXAMPLE, '.ecspresso', environment, `${service}.yaml`), 'utf8'),
        ) as { service: string; task_definition: string; service_definition: string };
        expect(config.service).toBe(service);
        const task = JSON.parse(
          readFileSync(join(EXAMPLE, '.ecspresso', environment, config.task_definition), 'utf8'),
        ) as { containerDefinitions: { image: string }[] };
        expect(task.containerDefinitions[0]!.image).toMatch(
          /\/example-service:\{\{ must_env `IMAGE_TAG` \}\}$/,
        );
        JSON.parse(
          readFileSync(join(EXAMPLE, '.ecspresso', environment, config.service_definition), 'utf8'),
        );
      }
    }
  });
});

describe('linters', () => {
  it('doppio-lint (with actionlint) reports nothing on the templates as a repository', async () => {
    // The templates with the example service's ecspresso files, under the root config's rule that
    // accepts doppio at `main` (on doppio's main branch they call doppio at main; a release pins them).
    const root = join(scratch, 'repository');
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    for (const name of templates)
      cpSync(join(TEMPLATES, name), join(root, '.github', 'workflows', name));
    cpSync(join(EXAMPLE, '.ecspresso'), join(root, '.ecspresso'), { recursive: true });
    writeFileSync(
      join(root, '.doppio.yml'),
      'rules:\n  shared-flow-ref:\n    allow-refs: [main]\n',
    );
    const report = await lint({ paths: [root], cwd: root, actionlint: 'auto' });
    expect(report.findings.map((f) => `${f.file}:${f.line}: ${f.ruleId}: ${f.message}`)).toEqual(
      [],
    );
    expect(report.summary.files).toBeGreaterThanOrEqual(templates.length + 4);
  });

  it('without that rule, shared-flow-ref reports every call at main (the references the release pins)', async () => {
    const root = join(scratch, 'unpinned');
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    for (const name of templates)
      cpSync(join(TEMPLATES, name), join(root, '.github', 'workflows', name));
    const report = await lint({ paths: [root], cwd: root, actionlint: 'off' });
    const references = templates.flatMap((name) => [
      ...readFileSync(join(TEMPLATES, name), 'utf8').matchAll(
        /uses: doppio-dev\/doppio\/\S+@main$/gm,
      ),
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'shared-flow-ref')).toHaveLength(
      references.length,
    );
    expect(report.findings.every((f) => f.ruleId === 'shared-flow-ref')).toBe(true);
  });
});

interface Job {
  permissions?: unknown;
  uses?: string;
  secrets?: unknown;
  steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}

describe.each(templates)('workflows/templates/%s', (name) => {
  const text = readFileSync(join(TEMPLATES, name), 'utf8');
  const doc = parse(text) as { permissions?: unknown; jobs: Record<string, Job> };

  it('starts from `permissions: {}` and gives every job its own', () => {
    expect(doc.permissions).toEqual({});
    for (const [id, job] of Object.entries(doc.jobs)) expect(job.permissions, id).toBeDefined();
  });

  it('passes secrets by name, never `secrets: inherit`', () => {
    for (const job of Object.values(doc.jobs)) expect(job.secrets).not.toBe('inherit');
  });

  // Third-party pins are checked against docs/third-party-actions.md (third-party-pins.test.ts).
  it('calls doppio at one ref', () => {
    const refs = new Set(
      [...text.matchAll(/^\s*(?:-\s+)?uses:\s*doppio-dev\/doppio\/[^@\s]+@(\S+)/gm)].map(
        (m) => m[1],
      ),
    );
    expect(refs.size).toBe(1);
  });

  it('puts no ${{ }} inside run: and checks out without persisting credentials', () => {
    for (const job of Object.values(doc.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.run) expect(step.run).not.toContain('${{');
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false);
      }
    }
  });
});
