// `doppio-lint [paths…]`: reads options, lints, prints. Exit 0 clean, 1 errors (or too many
// warnings), 2 when the linter could not do its job — always with a one-line reason, no stack.
import { writeFileSync } from 'node:fs';
import { githubLookups } from './engine/github.js';
import { lint } from './engine/lint.js';
import { parseRuleOverrides } from './engine/rule-overrides.js';
import { nearest, type OptionSpecs, optionsHelp, parseCommandLine } from './command-line.js';
import { UsageError } from './errors.js';
import { explainRule } from './explain/rule-page.js';
import { runInit } from './init/init.js';
import { FORMATS, formatReport, isFormat } from './report/index.js';
import { VERSION } from './version.js';

/** The command line's options: --help lists exactly these. */
export const OPTIONS = {
  format: {
    type: 'string',
    short: 'f',
    value: `<${FORMATS.join('|')}>`,
    description: 'output format (default: stylish)',
  },
  output: {
    type: 'string',
    short: 'o',
    value: '<file>',
    description: 'write the report to a file instead of standard output',
  },
  config: {
    type: 'string',
    short: 'c',
    value: '<file>',
    description: 'config file (default: .doppio.yml or .github/doppio.yml)',
  },
  rule: {
    type: 'string',
    multiple: true,
    value: '<id=off|warn|error>',
    description: "set a rule's severity (repeatable, or comma-separated)",
  },
  'no-actionlint': { type: 'boolean', description: "skip actionlint's checks" },
  'max-warnings': {
    type: 'string',
    value: '<n>',
    description: 'exit 1 when there are more than n warnings',
  },
  fix: { type: 'boolean', description: "apply the rules' fixes, then report what remains" },
  explain: {
    type: 'string',
    value: '<rule>',
    description: "print a rule's page (why, examples, how to fix) and exit",
  },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
  help: { type: 'boolean', short: 'h', description: 'print this help' },
} as const satisfies OptionSpecs;

export const HELP = `Usage: doppio-lint [options] [paths…]
       doppio-lint init [options] [directory]   write doppio's caller workflows (see init --help)

Lints a service repository that deploys to Amazon ECS with ecspresso (default: the current
directory): its workflows, ecspresso configs, task and service definitions, and the scripts and
Makefiles its workflows run.

Options:
${optionsHelp(OPTIONS)}

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 the linter could not run.
Rules: https://github.com/doppio-dev/doppio/blob/main/docs/rules/README.md
`;

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      // One line per problem (a config file can have several), each saying whose it is.
      for (const line of error.message.split('\n')) process.stderr.write(`doppio-lint: ${line}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `doppio-lint: internal error: ${message.split('\n')[0]} — please report it at https://github.com/doppio-dev/doppio/issues\n`,
    );
    return 2;
  }
}

async function run(argv: readonly string[], cwd: string): Promise<number> {
  if (argv[0] === 'init') return runInit(argv.slice(1), cwd);
  const { values, positionals } = parseCommandLine(argv, { options: OPTIONS });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.explain !== undefined) {
    process.stdout.write(explainRule(values.explain));
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!isFormat(format)) {
    const near = nearest(format, FORMATS);
    throw new UsageError(
      `--format takes ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)} (got \`${format}\`${near === undefined ? '' : `; did you mean \`--format ${near}\`?`})`,
    );
  }
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const report = await lint({
    paths: positionals,
    cwd,
    configPath: values.config,
    ruleOverrides: parseRuleOverrides(values.rule ?? [], '--rule'),
    actionlint: !values['no-actionlint'],
    // The only network use: pinned-actions' fix asks GitHub for commit SHAs, once per ref.
    fix: values.fix ? { lookups: githubLookups(process.env) } : undefined,
  });
  const color =
    values.output === undefined &&
    format === 'stylish' &&
    process.stdout.isTTY === true &&
    !process.env['NO_COLOR'];
  const text = formatReport(report, format, { color });
  if (values.output !== undefined) {
    try {
      writeFileSync(values.output, text);
    } catch (error) {
      throw new UsageError(
        `cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  } else process.stdout.write(text);
  if (report.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && report.summary.warnings > maxWarnings) return 1;
  return 0;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(
      `--max-warnings takes a whole number ≥ 0 (got \`${value}\`): write e.g. \`--max-warnings 0\` to fail on any warning`,
    );
  return Number(value);
}
