// What a rule is: metadata in one place (id, default severity, docs) and one check over the
// shared project model. Rules report spans; the engine owns positions, severities and output.
import type { Fix, Severity, Span } from '../model/types.js';
import type { Facts } from '../facts/facts.js';
import type { Project } from '../project/project.js';
import type { DeclaredCommand } from '../project/script-interest.js';

export const DOCS_BASE = 'https://github.com/doppio-dev/doppio/blob/main/docs/rules/';

export interface RuleMeta {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line: what the rule checks. */
  readonly description: string;
  /** True when some of its findings carry a fix that `--fix` applies (the docs say which). */
  readonly fixable: boolean;
  /**
   * The shell commands (by name) this rule reads from `run:` scripts, scripts and Makefiles,
   * directly or through the shared facts. Only `run:` scripts that mention a command some rule
   * reads are parsed (see project/script-interest.ts): a rule that reads a command without
   * declaring it here never sees it. Script files and Makefiles a step runs are always parsed.
   */
  readonly commands?: readonly DeclaredCommand[];
}

export interface RuleContext {
  readonly project: Project;
  readonly facts: Facts;
  /** The rule's options from the config file (validated by the schema). */
  readonly options: Readonly<Record<string, unknown>>;
  /** `fix`: edits of span.file that `--fix` applies (see engine/fix.ts); a finding without one is not fixable. */
  report(span: Span, message: string, severity?: Severity, fix?: Fix): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId.startsWith('actionlint/') ? 'actionlint' : ruleId}.md`;
}
