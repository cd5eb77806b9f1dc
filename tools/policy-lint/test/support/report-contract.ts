// The JSON output contract of DESIGN.md ("--format json prints exactly one JSON object"), checked
// twice: the shape with ajv against a JSON Schema, then what a schema cannot say — positions inside
// the file they name, the documented order, and summary counts that agree with the findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { Report } from '../../src/model/types.js';
import { FORMATS, formatReport } from '../../src/report/index.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { DOCS_BASE } from '../../src/rules/rule.js';

const positiveInteger = { type: 'integer', minimum: 1 } as const;

export const REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'tool', 'findings', 'summary'],
  properties: {
    version: { const: 1 },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version', 'actionlint'],
      properties: {
        name: { const: 'doppio-lint' },
        version: { type: 'string', minLength: 1 },
        actionlint: { type: ['string', 'null'] },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'ruleId',
          'severity',
          'message',
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'docs',
          'fixable',
        ],
        properties: {
          // Known ids are checked below (the registry grows); here only their spelling.
          ruleId: { type: 'string', pattern: '^([a-z][a-z0-9-]*|actionlint/[a-z][a-z0-9-]*)$' },
          severity: { enum: ['error', 'warn'] },
          message: { type: 'string', minLength: 1 },
          // Relative, normalised (no `.` or `..` segments), `/`-separated.
          file: {
            type: 'string',
            minLength: 1,
            pattern: '^(?!/)(?!.*\\\\)(?!(.*/)?\\.\\.?(/|$)).+$',
          },
          line: positiveInteger,
          column: positiveInteger,
          endLine: positiveInteger,
          endColumn: positiveInteger,
          docs: { type: 'string', pattern: '^https://.+\\.md$' },
          fixable: { type: 'boolean' },
        },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['files', 'errors', 'warnings'],
      properties: {
        files: { type: 'integer', minimum: 0 },
        errors: { type: 'integer', minimum: 0 },
        warnings: { type: 'integer', minimum: 0 },
      },
    },
  },
} as const;

const validateShape = new Ajv({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);

export interface ContractOptions {
  /** The linted root: findings' files are read from here to check positions. */
  readonly root: string;
  /** Whether actionlint ran (tool.actionlint is then a version, otherwise null). */
  readonly actionlint: boolean;
  /** Also render every output format (they must not throw; json and sarif must parse). */
  readonly allFormats?: boolean;
}

/** Every way `report` breaks the contract; an empty list when it keeps it. */
export function contractViolations(report: Report, options: ContractOptions): string[] {
  const problems: string[] = [];
  // What a consumer sees is the JSON text, so check that, not the in-memory object.
  const text = formatReport(report, 'json');
  let json: Report;
  try {
    json = JSON.parse(text) as Report;
  } catch (error) {
    return [`--format json is not JSON: ${(error as Error).message}`];
  }
  if (!text.startsWith('{') || !text.endsWith('}\n'))
    problems.push('--format json is not exactly one object and a newline');
  if (!validateShape(json)) {
    problems.push(
      ...validateShape.errors!.map(
        (e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      ),
    );
    return problems;
  }
  if ((json.tool.actionlint !== null) !== options.actionlint)
    problems.push(
      `tool.actionlint is ${json.tool.actionlint} with actionlint ${options.actionlint ? 'on' : 'off'}`,
    );

  const texts = new Map<string, string>();
  const textOf = (file: string): string => {
    let t = texts.get(file);
    if (t === undefined) {
      t = decodedText(join(options.root, file));
      texts.set(file, t);
    }
    return t;
  };
  json.findings.forEach((f, i) => {
    const at = `findings[${i}] (${f.ruleId} ${f.file}:${f.line}:${f.column})`;
    if (!RULE_IDS.has(f.ruleId) && !f.ruleId.startsWith('actionlint/'))
      problems.push(`${at}: unknown rule id`);
    if (f.docs !== `${DOCS_BASE}${f.ruleId.startsWith('actionlint/') ? 'actionlint' : f.ruleId}.md`)
      problems.push(`${at}: docs ${f.docs}`);
    const lines = textOf(f.file).split('\n');
    for (const [line, column, what] of [
      [f.line, f.column, 'start'],
      [f.endLine, f.endColumn, 'end'],
    ] as const) {
      if (line > lines.length)
        problems.push(`${at}: ${what} line ${line} beyond the file's ${lines.length} lines`);
      else if (column > lines[line - 1]!.length + 1)
        problems.push(
          `${at}: ${what} column ${column} beyond line ${line} (${lines[line - 1]!.length} characters)`,
        );
    }
    if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column))
      problems.push(`${at}: ends before it starts`);
    const previous = json.findings[i - 1];
    if (previous && compare(previous, f) > 0)
      problems.push(
        `${at}: not sorted after ${previous.file}:${previous.line}:${previous.column} ${previous.ruleId}`,
      );
  });
  const errors = json.findings.filter((f) => f.severity === 'error').length;
  const warnings = json.findings.length - errors;
  if (json.summary.errors !== errors || json.summary.warnings !== warnings)
    problems.push(
      `summary ${JSON.stringify(json.summary)} but ${errors} errors and ${warnings} warnings listed`,
    );
  const filesWithFindings = new Set(json.findings.map((f) => f.file)).size;
  if (json.summary.files < filesWithFindings)
    problems.push(`summary.files ${json.summary.files} < ${filesWithFindings} files with findings`);

  if (options.allFormats) {
    for (const format of FORMATS) {
      let out: string;
      try {
        out = formatReport(report, format, { color: true });
      } catch (error) {
        problems.push(`--format ${format} threw ${(error as Error).message}`);
        continue;
      }
      if (format === 'sarif') {
        try {
          JSON.parse(out);
        } catch {
          problems.push('--format sarif is not JSON');
        }
      }
    }
  }
  return problems;
}

/** The file's text as the linter decodes it: UTF-8 without BOM; '' when it is not UTF-8 or cannot
 *  be read (the linter then reports at line 1, column 1). */
function decodedText(path: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return '';
  }
}

function compare(a: Report['findings'][number], b: Report['findings'][number]): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
