import type { Finding, Report } from '@doppio-dev/doppio-lint';

export function finding(overrides: Partial<Finding> = {}): Finding {
  const ruleId = overrides.ruleId ?? 'pinned-actions';
  return {
    ruleId,
    severity: 'error',
    message: 'the action `actions/checkout` is referenced by `v4`',
    file: '.github/workflows/ci.yml',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 31,
    docs: `https://github.com/doppio-dev/doppio/blob/main/docs/rules/${ruleId}.md`,
    fixable: false,
    ...overrides,
  };
}

export function report(findings: readonly Finding[], files = 4): Report {
  return {
    version: 1,
    tool: { name: 'doppio-lint', version: '1.2.3', actionlint: '1.7.7' },
    findings: [...findings],
    summary: {
      files,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warn').length,
    },
  };
}
