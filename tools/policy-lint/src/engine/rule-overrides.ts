// Severities set on the command line (`--rule`) or in the policy-lint action (`rules:`), over the
// config file's.
import type { SeveritySetting } from '../config/config.js';
import { nearest } from '../command-line.js';
import { UsageError } from '../errors.js';
import { isRuleId, RULE_IDS } from '../rules/index.js';

/**
 * `rule-id=off|warn|error` entries, each value holding one or several (on separate lines or
 * comma-separated); blank entries are skipped. `source` names where they come from in the error
 * (`--rule`, the action's `rules` input): an unknown rule id or severity is a UsageError.
 */
export function parseRuleOverrides(
  values: readonly string[],
  source: string,
): Map<string, SeveritySetting> {
  const overrides = new Map<string, SeveritySetting>();
  for (const entry of values.flatMap((value) => value.split(/[\n,]/)).map((s) => s.trim())) {
    if (entry === '') continue;
    const match = /^([a-z][a-z0-9/-]*)\s*=\s*(off|warn|error)$/.exec(entry);
    if (!match)
      throw new UsageError(`${source} takes \`rule-id=off|warn|error\` (got \`${entry}\`)`);
    const id = match[1]!;
    if (!isRuleId(id)) {
      const near = nearest(id, [...RULE_IDS]);
      throw new UsageError(
        near !== undefined
          ? `${source} names an unknown rule \`${id}\`: did you mean \`${near}\`?`
          : `${source} names an unknown rule \`${id}\` (known: ${[...RULE_IDS].sort().join(', ')}, actionlint/<kind>)`,
      );
    }
    overrides.set(id, match[2] as SeveritySetting);
  }
  return overrides;
}
