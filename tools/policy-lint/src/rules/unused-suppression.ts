import type { Rule } from './rule.js';

/** Reported by the engine, which alone knows which suppressions matched a finding. */
export const unusedSuppression: Rule = {
  meta: {
    id: 'unused-suppression',
    defaultSeverity: 'warn',
    description: 'A suppression comment that suppresses nothing, names an unknown rule, or gives no reason.',
    fixable: false,
  },
  check() {},
};
