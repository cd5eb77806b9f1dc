// Findings as annotations, within what GitHub shows. Per step it shows at most 10 error, 10 warning
// and 10 notice annotations, and 50 per job across steps; it drops the rest without a word
// (actions/toolkit docs/problem-matchers.md, "Limitations"). So the action annotates at most that
// many of each kind, errors first, and the job summary lists every finding.
import { annotation, type Annotation, type Finding } from '@doppio-dev/doppio-lint';

export const GITHUB_ANNOTATIONS_PER_STEP: Readonly<Record<Finding['severity'], number>> = {
  error: 10,
  warn: 10,
};

/** The findings to annotate — errors first, at most `max` in all and GitHub's limit per kind — in
 *  report order. */
export function selectAnnotations(findings: readonly Finding[], max: number): Annotation[] {
  const errors = Math.min(
    findings.filter((f) => f.severity === 'error').length,
    GITHUB_ANNOTATIONS_PER_STEP.error,
    max,
  );
  const warnings = Math.min(
    findings.filter((f) => f.severity === 'warn').length,
    GITHUB_ANNOTATIONS_PER_STEP.warn,
    max - errors,
  );
  const budget = { error: errors, warn: warnings };
  const chosen: Annotation[] = [];
  for (const finding of findings) {
    if (budget[finding.severity] === 0) continue;
    budget[finding.severity]--;
    chosen.push(annotation(finding));
  }
  return chosen;
}
