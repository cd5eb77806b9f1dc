// The action's inputs beyond what @actions/core reads: parsed here so that a bad value fails the
// step with a message that says what to write instead.

export type SeveritySetting = 'off' | 'warn' | 'error';
export type FailOn = 'error' | 'warning' | 'never';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/** `rules`: one `rule-id=off|warn|error` per line or comma-separated, as the CLI's `--rule`.
 *  Rule ids must be known (`actionlint/<kind>` ids are actionlint's and always accepted). */
export function parseRuleOverrides(text: string, knownRuleIds: ReadonlySet<string>): Map<string, SeveritySetting> {
  const overrides = new Map<string, SeveritySetting>();
  for (const entry of text.split(/[\n,]/).map((s) => s.trim())) {
    if (entry === '') continue;
    const match = /^([a-z][a-z0-9/-]*)\s*=\s*(off|warn|error)$/.exec(entry);
    if (!match) throw new Error(`the \`rules\` input takes one \`rule-id=off|warn|error\` per line (got \`${entry}\`)`);
    const id = match[1]!;
    if (!knownRuleIds.has(id) && !/^actionlint\/[a-z-]+$/.test(id)) {
      throw new Error(`the \`rules\` input names an unknown rule \`${id}\` (known: ${[...knownRuleIds].sort().join(', ')}, actionlint/<kind>)`);
    }
    overrides.set(id, match[2] as SeveritySetting);
  }
  return overrides;
}

export function parseFailOn(text: string): FailOn {
  const value = text.trim();
  if (!(FAIL_ON as readonly string[]).includes(value)) throw new Error(`the \`fail-on\` input must be one of ${FAIL_ON.join(', ')} (got \`${value}\`)`);
  return value as FailOn;
}

export function parseMaxAnnotations(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) throw new Error(`the \`max-annotations\` input takes a whole number ≥ 0 (got \`${text}\`)`);
  return value;
}
