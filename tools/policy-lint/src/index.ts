// The programmatic API: lint a repository and format the report.
export { lint, type LintOptions } from './engine/lint.js';
export {
  ACTIONLINT_MODES,
  type ActionlintBinary,
  type ActionlintMode,
} from './engine/actionlint.js';
export {
  annotation,
  formatReport,
  FORMATS,
  type Annotation,
  type AnnotationProperties,
  type Format,
} from './report/index.js';
export { parseRuleOverrides } from './engine/rule-overrides.js';
export { RULES } from './rules/index.js';
export type { Finding, Report, Severity } from './model/types.js';
export type { SeveritySetting } from './config/config.js';
