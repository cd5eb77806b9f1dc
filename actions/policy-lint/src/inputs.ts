// The action's inputs beyond what @actions/core reads: parsed here so that a bad value fails the
// step with a message that says what to write instead.

export type FailOn = 'error' | 'warning' | 'never';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export function parseFailOn(text: string): FailOn {
  const value = text.trim();
  if (!(FAIL_ON as readonly string[]).includes(value))
    throw new Error(
      `the \`fail-on\` input must be one of ${FAIL_ON.join(', ')} (got \`${value}\`)`,
    );
  return value as FailOn;
}

export function parseMaxAnnotations(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0)
    throw new Error(`the \`max-annotations\` input takes a whole number ≥ 0 (got \`${text}\`)`);
  return value;
}
