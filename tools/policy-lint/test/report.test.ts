import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/model/types.js';
import { annotation, escapeData, escapeProperty } from '../src/report/github.js';
import { FORMATS, formatReport, isFormat } from '../src/report/index.js';
import { sarifLog } from '../src/report/sarif.js';

const DOCS = 'https://github.com/doppio-dev/doppio/blob/main/docs/rules';

// Two files, an error and a warning in the first, an error in the second (whose name needs
// escaping as a workflow-command property); the warning's message has `:` `,` `%` and a newline.
const report: Report = {
  version: 1,
  tool: { name: 'doppio-lint', version: '1.2.3', actionlint: '1.7.7' },
  findings: [
    {
      ruleId: 'image-tag-sha',
      severity: 'error',
      message: 'image tag `latest` is not a commit SHA',
      file: '.github/workflows/deploy.yml',
      line: 12,
      column: 9,
      endLine: 12,
      endColumn: 31,
      docs: `${DOCS}/image-tag-sha.md`,
      fixable: false,
    },
    {
      ruleId: 'pinned-actions',
      severity: 'warn',
      message:
        'actions/checkout@v4: pin a full SHA, not a tag (100% reproducible)\nsee the rule docs',
      file: '.github/workflows/deploy.yml',
      line: 104,
      column: 15,
      endLine: 104,
      endColumn: 34,
      docs: `${DOCS}/pinned-actions.md`,
      fixable: true,
    },
    {
      ruleId: 'one-image',
      severity: 'error',
      message: 'staging and production build different images',
      file: 'ecspresso/web,prod:v2.yml',
      line: 3,
      column: 1,
      endLine: 5,
      endColumn: 2,
      docs: `${DOCS}/one-image.md`,
      fixable: false,
    },
  ],
  summary: { files: 7, errors: 2, warnings: 1 },
};

const clean: Report = {
  version: 1,
  tool: { name: 'doppio-lint', version: '1.2.3', actionlint: null },
  findings: [],
  summary: { files: 7, errors: 0, warnings: 0 },
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const stripAnsi = (s: string): string => s.replace(/\u001b\[\d+m/g, '');

describe('FORMATS / formatReport', () => {
  it('lists the four formats, stylish first', () => {
    expect(FORMATS).toEqual(['stylish', 'json', 'sarif', 'github']);
    expect(FORMATS.every(isFormat)).toBe(true);
    expect(isFormat('checkstyle')).toBe(false);
  });

  it('colours only the stylish format, and only when asked', () => {
    expect(formatReport(report, 'stylish')).not.toContain('\u001b[');
    expect(formatReport(report, 'stylish', { color: false })).not.toContain('\u001b[');
    expect(formatReport(report, 'stylish', { color: true })).toContain('\u001b[');
    for (const format of ['json', 'sarif', 'github'] as const) {
      expect(formatReport(report, format, { color: true })).toBe(formatReport(report, format));
    }
  });
});

describe('json', () => {
  it('prints the contract object, 2-space indented, with a trailing newline', () => {
    expect(formatReport(report, 'json')).toBe(`{
  "version": 1,
  "tool": {
    "name": "doppio-lint",
    "version": "1.2.3",
    "actionlint": "1.7.7"
  },
  "findings": [
    {
      "ruleId": "image-tag-sha",
      "severity": "error",
      "message": "image tag \`latest\` is not a commit SHA",
      "file": ".github/workflows/deploy.yml",
      "line": 12,
      "column": 9,
      "endLine": 12,
      "endColumn": 31,
      "docs": "https://github.com/doppio-dev/doppio/blob/main/docs/rules/image-tag-sha.md",
      "fixable": false
    },
    {
      "ruleId": "pinned-actions",
      "severity": "warn",
      "message": "actions/checkout@v4: pin a full SHA, not a tag (100% reproducible)\\nsee the rule docs",
      "file": ".github/workflows/deploy.yml",
      "line": 104,
      "column": 15,
      "endLine": 104,
      "endColumn": 34,
      "docs": "https://github.com/doppio-dev/doppio/blob/main/docs/rules/pinned-actions.md",
      "fixable": true
    },
    {
      "ruleId": "one-image",
      "severity": "error",
      "message": "staging and production build different images",
      "file": "ecspresso/web,prod:v2.yml",
      "line": 3,
      "column": 1,
      "endLine": 5,
      "endColumn": 2,
      "docs": "https://github.com/doppio-dev/doppio/blob/main/docs/rules/one-image.md",
      "fixable": false
    }
  ],
  "summary": {
    "files": 7,
    "errors": 2,
    "warnings": 1
  }
}
`);
  });

  it('prints a clean report, with actionlint null', () => {
    expect(formatReport(clean, 'json')).toBe(`{
  "version": 1,
  "tool": {
    "name": "doppio-lint",
    "version": "1.2.3",
    "actionlint": null
  },
  "findings": [],
  "summary": {
    "files": 7,
    "errors": 0,
    "warnings": 0
  }
}
`);
  });

  it('keeps the contract key order and drops anything else the objects carry', () => {
    const [first] = report.findings;
    if (!first) throw new Error('fixture');
    const shuffled = {
      fixable: first.fixable,
      docs: first.docs,
      endColumn: first.endColumn,
      endLine: first.endLine,
      column: first.column,
      line: first.line,
      file: first.file,
      message: first.message,
      severity: first.severity,
      ruleId: first.ruleId,
      internal: { span: 1 },
    } as Finding;
    const messy = {
      summary: { warnings: 0, errors: 1, files: 7 },
      findings: [shuffled],
      tool: { actionlint: '1.7.7', version: '1.2.3', name: 'doppio-lint' },
      version: 1,
      extra: true,
    } as unknown as Report;
    const tidy: Report = {
      ...report,
      findings: [first],
      summary: { files: 7, errors: 1, warnings: 0 },
    };
    expect(formatReport(messy, 'json')).toBe(formatReport(tidy, 'json'));
    expect(formatReport(messy, 'json')).not.toContain('internal');
  });
});

describe('stylish', () => {
  it('prints a header per file, aligned rows, and the summary', () => {
    expect(formatReport(report, 'stylish')).toBe(
      [
        '.github/workflows/deploy.yml',
        `    12:9  error    image tag \`latest\` is not a commit SHA${' '.repeat(48)}image-tag-sha`,
        '  104:15  warning  actions/checkout@v4: pin a full SHA, not a tag (100% reproducible) see the rule docs  pinned-actions',
        '',
        'ecspresso/web,prod:v2.yml',
        '  3:1  error  staging and production build different images  one-image',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '  1 problem fixable with the `--fix` option',
        '',
        `  image-tag-sha   ${DOCS}/image-tag-sha.md`,
        `  one-image       ${DOCS}/one-image.md`,
        `  pinned-actions  ${DOCS}/pinned-actions.md`,
        "  (`doppio-lint --explain <rule>` prints a rule's page here)",
        '',
      ].join('\n'),
    );
  });

  it("links each rule's page once at the end; actionlint's kinds share theirs", () => {
    const [first] = report.findings;
    const actionlint = `${DOCS}/actionlint.md`;
    const repeated: Report = {
      ...report,
      findings: [
        first!,
        { ...first!, line: 20 },
        { ...first!, line: 21, ruleId: 'actionlint/expression', docs: actionlint },
        { ...first!, line: 22, ruleId: 'actionlint/runner-label', docs: actionlint },
      ],
      summary: { files: 1, errors: 4, warnings: 0 },
    };
    expect(formatReport(repeated, 'stylish').split('\n').slice(-4)).toEqual([
      `  actionlint/expression, actionlint/runner-label  ${actionlint}`,
      `  image-tag-sha                                   ${DOCS}/image-tag-sha.md`,
      "  (`doppio-lint --explain <rule>` prints a rule's page here)",
      '',
    ]);
  });

  it('says so when there are no problems', () => {
    expect(formatReport(clean, 'stylish')).toBe('✔ no problems (7 files checked)\n');
    expect(
      formatReport({ ...clean, summary: { files: 1, errors: 0, warnings: 0 } }, 'stylish'),
    ).toBe('✔ no problems (1 file checked)\n');
  });

  it('uses singular words for one', () => {
    const one: Report = {
      ...report,
      findings: report.findings.slice(1, 2),
      summary: { files: 7, errors: 0, warnings: 1 },
    };
    expect(formatReport(one, 'stylish').split('\n').slice(-6)).toEqual([
      '✖ 1 problem (0 errors, 1 warning)',
      '  1 problem fixable with the `--fix` option',
      '',
      `  pinned-actions  ${DOCS}/pinned-actions.md`,
      "  (`doppio-lint --explain <rule>` prints a rule's page here)",
      '',
    ]);
  });

  it('colours with ANSI codes without moving the columns', () => {
    const one: Report = {
      ...report,
      findings: report.findings.slice(2),
      summary: { files: 7, errors: 1, warnings: 0 },
    };
    expect(formatReport(one, 'stylish', { color: true })).toBe(
      '\u001b[4mecspresso/web,prod:v2.yml\u001b[24m\n' +
        '  \u001b[2m3:1\u001b[22m  \u001b[31merror\u001b[39m  staging and production build different images  \u001b[2mone-image\u001b[22m\n' +
        '\n' +
        '\u001b[1m\u001b[31m✖ 1 problem (1 error, 0 warnings)\u001b[39m\u001b[22m\n' +
        '\n' +
        `  \u001b[2mone-image\u001b[22m  ${DOCS}/one-image.md\n` +
        "  (`doppio-lint --explain <rule>` prints a rule's page here)\n",
    );
    expect(stripAnsi(formatReport(report, 'stylish', { color: true }))).toBe(
      formatReport(report, 'stylish'),
    );
    expect(formatReport(clean, 'stylish', { color: true })).toBe(
      '\u001b[32m✔\u001b[39m no problems (7 files checked)\n',
    );
  });
});

describe('github', () => {
  it('prints one workflow command per finding, escaped as @actions/core escapes', () => {
    expect(formatReport(report, 'github')).toBe(
      [
        '::error file=.github/workflows/deploy.yml,line=12,col=9,endLine=12,endColumn=31,title=image-tag-sha::image tag `latest` is not a commit SHA',
        '::warning file=.github/workflows/deploy.yml,line=104,col=15,endLine=104,endColumn=34,title=pinned-actions::actions/checkout@v4: pin a full SHA, not a tag (100%25 reproducible)%0Asee the rule docs',
        // Columns only on one line: GitHub ignores them on a span over several lines.
        '::error file=ecspresso/web%2Cprod%3Av2.yml,line=3,endLine=5,title=one-image::staging and production build different images',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean report', () => {
    expect(formatReport(clean, 'github')).toBe('');
  });

  it('gives the policy-lint action the same annotations, in @actions/core terms', () => {
    const [one, , several] = report.findings;
    expect(annotation(one!)).toEqual({
      kind: 'error',
      message: 'image tag `latest` is not a commit SHA',
      properties: {
        title: 'image-tag-sha',
        file: '.github/workflows/deploy.yml',
        startLine: 12,
        endLine: 12,
        startColumn: 9,
        endColumn: 31,
      },
    });
    expect(annotation(several!).properties).toEqual({
      title: 'one-image',
      file: 'ecspresso/web,prod:v2.yml',
      startLine: 3,
      endLine: 5,
    });
  });

  it('escapes % first, then CR and LF; properties also : and ,', () => {
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
    // An already-escaped-looking input stays distinguishable from a real newline.
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('%3A')).toBe('%253A');
  });
});

describe('sarif', () => {
  // The SARIF 2.1.0 schema as @microsoft/sarif-multitool-ts bundles it (assets/ is not in the
  // package's exports, so it is read from the package directory).
  const require = createRequire(import.meta.url);
  const schemaPath = join(
    dirname(require.resolve('@microsoft/sarif-multitool-ts')),
    '..',
    'assets',
    'sarif-2.1.0.schema.json',
  );
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true });
  addFormatsModule.default(ajv);
  const validate = ajv.compile(schema);

  const errorsOf = (log: unknown): string[] =>
    validate(log)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

  it('builds one run with the rules that occur and a result per finding', () => {
    const rule = (id: string) => ({
      id,
      shortDescription: { text: id },
      helpUri: `${DOCS}/${id}.md`,
    });
    const result = (
      ruleId: string,
      ruleIndex: number,
      level: 'error' | 'warning',
      text: string,
      uri: string,
      region: object,
    ) => ({
      ruleId,
      ruleIndex,
      level,
      message: { text },
      locations: [
        { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } },
      ],
    });
    const expected: Log = {
      $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'doppio-lint',
              version: '1.2.3',
              informationUri: 'https://github.com/doppio-dev/doppio/tree/main/tools/policy-lint',
              rules: [rule('image-tag-sha'), rule('one-image'), rule('pinned-actions')],
            },
            extensions: [
              {
                name: 'actionlint',
                version: '1.7.7',
                informationUri: 'https://github.com/rhysd/actionlint',
              },
            ],
          },
          columnKind: 'utf16CodeUnits',
          results: [
            result(
              'image-tag-sha',
              0,
              'error',
              'image tag `latest` is not a commit SHA',
              '.github/workflows/deploy.yml',
              { startLine: 12, startColumn: 9, endLine: 12, endColumn: 31 },
            ),
            result(
              'pinned-actions',
              2,
              'warning',
              'actions/checkout@v4: pin a full SHA, not a tag (100% reproducible)\nsee the rule docs',
              '.github/workflows/deploy.yml',
              { startLine: 104, startColumn: 15, endLine: 104, endColumn: 34 },
            ),
            result(
              'one-image',
              1,
              'error',
              'staging and production build different images',
              'ecspresso/web%2Cprod%3Av2.yml',
              { startLine: 3, startColumn: 1, endLine: 5, endColumn: 2 },
            ),
          ],
        },
      ],
    };
    const text = formatReport(report, 'sarif');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(errorsOf(JSON.parse(formatReport(report, 'sarif')))).toEqual([]);
    expect(errorsOf(JSON.parse(formatReport(clean, 'sarif')))).toEqual([]);
  });

  it('prints a clean report as a run with no rules and no results', () => {
    const log = JSON.parse(formatReport(clean, 'sarif')) as Log;
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
    expect(log.runs[0]?.tool.extensions).toBeUndefined();
    expect(log.runs[0]?.results).toEqual([]);
  });

  it('has a validator that rejects invalid logs', () => {
    const good = (): Record<string, unknown> & Log =>
      sarifLog(report) as Record<string, unknown> & Log;

    const noVersion: Record<string, unknown> = good();
    delete noVersion['version'];
    expect(errorsOf(noVersion)).toContain("/ must have required property 'version'");

    const badLevel = good();
    (badLevel.runs[0]!.results![0] as { level: string }).level = 'warn';
    expect(errorsOf(badLevel).length).toBeGreaterThan(0);

    const zeroLine = good();
    zeroLine.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(errorsOf(zeroLine).length).toBeGreaterThan(0);

    // Formats are checked too (ajv-formats is loaded): helpUri must be an absolute URI.
    const badUri = good();
    badUri.runs[0]!.tool.driver.rules![0]!.helpUri = 'rules/image-tag-sha.md';
    expect(errorsOf(badUri).length).toBeGreaterThan(0);
  });

  it('leaves helpUri out when a finding has no absolute docs URL', () => {
    const [first] = report.findings;
    if (!first) throw new Error('fixture');
    const local: Report = {
      ...report,
      findings: [{ ...first, docs: 'docs/rules/image-tag-sha.md' }],
    };
    const log = sarifLog(local);
    expect(log.runs[0]?.tool.driver.rules).toEqual([
      { id: 'image-tag-sha', shortDescription: { text: 'image-tag-sha' } },
    ]);
    expect(errorsOf(log)).toEqual([]);
  });
});
