import { defineRule } from './rule.js';

/** Reported by the engine (engine/suppressions.ts), which alone knows which suppressions matched a finding. */
export const unusedSuppression = defineRule({
  meta: {
    id: 'unused-suppression',
    defaultSeverity: 'warn',
    description:
      'An inline suppression that suppresses nothing, names an unknown rule or gives no reason.',
    fixable: false,
    messages: {
      noReason:
        'this suppression gives no reason: write it as `# doppio-lint-disable-next-line <rule-id> -- <why this is fine>`; it suppresses nothing until it does',
      noRule: 'this suppression names no rule: list the rule ids it is for (there is no wildcard)',
      wildcard: 'suppressions name rules one by one: there is no wildcard',
      unknownRule: '`{rule}` is not a rule id of doppio-lint (see docs/rules/README.md)',
      unused: 'this suppression of `{rule}` suppresses nothing: remove it',
    },
  },
  check() {},
});
