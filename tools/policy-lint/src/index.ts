// The programmatic API: lint a repository and format the report.
export { lint, type LintOptions } from './engine/lint.js';
export { formatReport, FORMATS, type Format } from './report/index.js';
export { RULES } from './rules/index.js';
export type { Finding, Report, Severity } from './model/types.js';
