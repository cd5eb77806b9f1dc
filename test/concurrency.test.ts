// deploy-ecspresso and rollback serialise on one concurrency group: equal inputs must give equal
// groups (so a rollback never runs beside a deploy of the same service), other services other groups.
// The group expressions are evaluated with GitHub's own expression evaluator, each workflow's input
// defaults filled in as GitHub fills them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Workflow {
  on: { workflow_call: { inputs: Record<string, { default?: unknown }> } };
  jobs: Record<string, { concurrency?: { group: string; 'cancel-in-progress': boolean } }>;
}

const load = (name: string): Workflow =>
  parse(
    readFileSync(join(import.meta.dirname, '..', '.github', 'workflows', name), 'utf8'),
  ) as Workflow;

function group(workflow: Workflow, given: Record<string, string>): string {
  const jobs = Object.values(workflow.jobs).filter((job) => job.concurrency);
  expect(jobs).toHaveLength(1);
  const { group: text, 'cancel-in-progress': cancel } = jobs[0]!.concurrency!;
  expect(cancel).toBe(false);
  const defaults = Object.fromEntries(
    Object.entries(workflow.on.workflow_call.inputs).flatMap(([name, input]) =>
      input.default === undefined ? [] : [[name, String(input.default)]],
    ),
  );
  const context = JSON.parse(
    JSON.stringify({ inputs: { ...defaults, ...given } }),
    data.reviver,
  ) as data.Dictionary;
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, source: string) =>
    new Evaluator(new Parser(new Lexer(source).lex().tokens, ['inputs'], []).parse(), context)
      .evaluate()
      .coerceString(),
  );
}

const deploy = load('deploy-ecspresso.yml');
const rollback = load('rollback.yml');
const production = { environment: 'production', config: '.ecspresso/production/web.yaml' };

describe('one concurrency group for deploy and rollback', () => {
  it.each([
    ['the default working directory', production],
    ['a service in a monorepo folder', { ...production, 'working-directory': 'services/web' }],
    ['another environment', { environment: 'staging', config: '.ecspresso/staging/web.yaml' }],
  ])('equal inputs give equal groups: %s', (_, inputs) => {
    expect(group(rollback, inputs)).toBe(group(deploy, inputs));
  });

  it('names environment, working directory and config', () => {
    expect(group(deploy, { ...production, 'working-directory': 'services/web' })).toBe(
      'doppio-deploy-production-services/web-.ecspresso/production/web.yaml',
    );
  });

  it.each([
    ['another service', { config: '.ecspresso/production/worker.yaml' }],
    ['another environment', { environment: 'staging' }],
    ['another folder of a monorepo', { 'working-directory': 'services/api' }],
  ])('%s gets another group', (_, change) => {
    expect(group(deploy, { ...production, ...change })).not.toBe(group(deploy, production));
    expect(group(rollback, { ...production, ...change })).not.toBe(group(rollback, production));
  });
});
