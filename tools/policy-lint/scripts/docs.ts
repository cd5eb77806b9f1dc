// Generates what is derived from the rules' meta, so that a rule is written in one place:
// - schema/doppio.schema.json, the config file's JSON Schema (rule ids, severities, options);
// - the rule tables of README.md and docs/rules/README.md, the options table of
//   docs/configuration.md, and the Options table of every docs/rules/<id>.md.
// Tables live between `<!-- BEGIN GENERATED: name … -->` and `<!-- END GENERATED: name -->` lines
// of hand-written pages. `pnpm docs` runs this; `--check` writes nothing and exits 1 naming every
// stale file (test/generated.test.ts runs the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_SIZE } from '../src/config/config.js';
import { actionlintVersion } from '../src/engine/actionlint.js';
import { ACTIONLINT_RULE_ID, RULES } from '../src/rules/index.js';
import type { OptionSchema, Rule } from '../src/rules/rule.js';

const PACKAGE = join(import.meta.dirname, '..');
export const REPOSITORY = join(PACKAGE, '..', '..');

export const SCHEMA_PATH = 'tools/policy-lint/schema/doppio.schema.json';

/** The config file's JSON Schema: the rules' part from their meta, the rest written here. */
export function configSchema(rules: readonly Rule[] = RULES): object {
  const severity = { $ref: '#/definitions/severity' };
  const ruleSetting = (rule: Rule): object =>
    rule.meta.options === undefined
      ? { $ref: '#/definitions/severityOnly' }
      : {
          anyOf: [
            severity,
            {
              type: 'object',
              additionalProperties: false,
              properties: { severity, ...rule.meta.options },
            },
          ],
        };
  const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://github.com/doppio-dev/doppio/blob/main/${SCHEMA_PATH}`,
    title: 'doppio-lint configuration (.doppio.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Severity and options per rule id; actionlint kinds are `actionlint/<kind>`.',
        type: 'object',
        propertyNames: {
          anyOf: [
            { enum: rules.map((r) => r.meta.id) },
            { pattern: ACTIONLINT_RULE_ID.source.replaceAll('\\/', '/') },
          ],
        },
        properties: Object.fromEntries(rules.map((rule) => [rule.meta.id, ruleSetting(rule)])),
        additionalProperties: { $ref: '#/definitions/severityOnly' },
      },
      ignore: { description: 'Glob patterns of root-relative paths not to lint.', ...stringList },
      environments: {
        description:
          'Glob patterns matched against GitHub environment names and ecspresso config paths; overrides the built-in recognition.',
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z0-9_.-]+$', examples: ['production', 'staging'] },
        additionalProperties: stringList,
      },
      'shared-flow': {
        type: 'object',
        additionalProperties: false,
        properties: {
          repositories: {
            description:
              "owner/name of repositories that hold doppio's workflows and actions, besides any repository named doppio.",
            type: 'array',
            items: {
              type: 'string',
              pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
              examples: ['acme/deploy-flow'],
            },
          },
        },
      },
      'max-file-size': {
        description:
          'The largest file, in bytes, the linter reads: a larger one is reported as a parse-error, unread, and the rest is still linted.',
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_FILE_SIZE,
      },
    },
    definitions: {
      severity: { enum: ['off', 'warn', 'error'] },
      severityOnly: {
        anyOf: [
          severity,
          { type: 'object', additionalProperties: false, properties: { severity } },
        ],
      },
    },
  };
}

// actionlint's findings are not a rule of the registry; the tables list them after the rules.
const ACTIONLINT = {
  page: 'actionlint',
  description: `Findings of the embedded actionlint v${actionlintVersion()}, one rule id per actionlint kind; \`--no-actionlint\` skips them.`,
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function rulesTable(link: (page: string) => string, fixableColumn: boolean): string {
  const rows = RULES.map((r) => ({
    id: `\`${r.meta.id}\``,
    page: r.meta.id,
    severity: r.meta.defaultSeverity,
    fixable: r.meta.fixable,
    description: r.meta.description,
  }));
  rows.push({
    id: '`actionlint/<kind>`',
    page: ACTIONLINT.page,
    severity: 'error',
    fixable: false,
    description: ACTIONLINT.description,
  });
  const header = fixableColumn
    ? ['| rule | default | fixable | checks |', '| --- | --- | --- | --- |']
    : ['| rule | default | checks |', '| --- | --- | --- |'];
  return [
    ...header,
    ...rows.map(
      (r) =>
        `| [${r.id}](${link(r.page)}) | ${r.severity} |${fixableColumn ? ` ${r.fixable ? 'yes' : 'no'} |` : ''} ${cell(r.description)} |`,
    ),
  ].join('\n');
}

function optionsByRule(): string {
  const rows = RULES.filter((r) => r.meta.options !== undefined).map((r) => {
    const options = Object.entries(r.meta.options!).map(
      ([name, option]) => `\`${name}\`: ${cell(option.description)}`,
    );
    return `| [\`${r.meta.id}\`](rules/${r.meta.id}.md) | ${options.join('<br>')} |`;
  });
  return ['| rule | options |', '| --- | --- |', ...rows].join('\n');
}

function typeOf(option: OptionSchema): string {
  return option.type === 'array' ? 'list of strings' : option.type;
}

function defaultOf(option: OptionSchema): string {
  const value = option.default;
  if (Array.isArray(value))
    return value.length === 0 ? '`[]`' : value.map((v) => `\`${String(v)}\``).join(', ');
  return `\`${String(value)}\``;
}

function optionsTable(rule: Rule): string {
  const options = Object.entries(rule.meta.options ?? {});
  if (options.length === 0)
    return `None; only the severity (\`rules: { ${rule.meta.id}: warn }\`).`;
  return [
    '| option | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...options.map(
      ([name, o]) => `| \`${name}\` | ${typeOf(o)} | ${defaultOf(o)} | ${cell(o.description)} |`,
    ),
  ].join('\n');
}

/** `text` with the body of each named region replaced. A region missing from the text is an error
 *  that names the file and the lines to add. */
export function fillRegions(
  path: string,
  text: string,
  regions: Readonly<Record<string, string>>,
): string {
  let out = text;
  for (const [name, body] of Object.entries(regions)) {
    const begin = new RegExp(`^<!-- BEGIN GENERATED: ${name} .*-->\\n`, 'm').exec(out);
    const end = out.indexOf(`<!-- END GENERATED: ${name} -->`);
    if (!begin || end < begin.index) {
      throw new Error(
        `${path}: no region \`${name}\`: add the lines \`<!-- BEGIN GENERATED: ${name} (pnpm docs, from the rules' meta) -->\` and \`<!-- END GENERATED: ${name} -->\` where it belongs`,
      );
    }
    out = `${out.slice(0, begin.index + begin[0].length)}${body}\n${out.slice(end)}`;
  }
  return out;
}

/** Every generated file, by path from the repository root, as it should read. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const read = (path: string): string => readFileSync(join(REPOSITORY, path), 'utf8');
  const fill = (path: string, regions: Record<string, string>): void =>
    void files.set(path, fillRegions(path, read(path), regions));
  files.set(SCHEMA_PATH, `${JSON.stringify(configSchema(), null, 2)}\n`);
  fill('README.md', { 'rules-table': rulesTable((page) => `docs/rules/${page}.md`, false) });
  fill('docs/rules/README.md', { 'rules-table': rulesTable((page) => `${page}.md`, true) });
  fill('docs/configuration.md', { 'rule-options': optionsByRule() });
  for (const rule of RULES) fill(`docs/rules/${rule.meta.id}.md`, { options: optionsTable(rule) });
  return files;
}

/** The generated files whose text on disk differs from what it should be. */
export function staleFiles(): string[] {
  return [...generatedFiles()]
    .filter(([path, text]) => readFileSync(join(REPOSITORY, path), 'utf8') !== text)
    .map(([path]) => path);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    for (const path of stale) process.stdout.write(`${path} is stale: run \`pnpm docs\`\n`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const [path, text] of generatedFiles()) writeFileSync(join(REPOSITORY, path), text);
  }
}
