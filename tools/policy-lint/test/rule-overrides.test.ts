// `--rule` and the policy-lint action's `rules` input: one parser for both.
import { describe, expect, it } from 'vitest';
import { parseRuleOverrides } from '../src/engine/rule-overrides.js';
import { UsageError } from '../src/errors.js';

describe('parseRuleOverrides', () => {
  it('reads id=severity entries, one per value, per line or comma-separated, blanks skipped', () => {
    expect(
      parseRuleOverrides(
        [
          'pinned-actions=warn\n\n image-tag-sha = off ,actionlint/expression=error\n',
          'aws-oidc=error',
        ],
        '--rule',
      ),
    ).toEqual(
      new Map([
        ['pinned-actions', 'warn'],
        ['image-tag-sha', 'off'],
        ['actionlint/expression', 'error'],
        ['aws-oidc', 'error'],
      ]),
    );
    expect(parseRuleOverrides([''], 'the `rules` input')).toEqual(new Map());
  });

  it('refuses other severities and unknown rules, naming where they came from and what to write', () => {
    const problem = (values: string[]): unknown => {
      try {
        parseRuleOverrides(values, 'the `rules` input');
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(problem(['pinned-actions=warning'])).toEqual(
      new UsageError(
        'the `rules` input takes `rule-id=off|warn|error` (got `pinned-actions=warning`)',
      ),
    );
    expect(problem(['pinned-actions'])).toBeInstanceOf(UsageError);
    expect((problem(['no-such-rule=off']) as Error).message).toMatch(
      /^the `rules` input names an unknown rule `no-such-rule` \(known: aws-oidc, deploy-concurrency, .*, unused-suppression, actionlint\/<kind>\)$/,
    );
    expect(problem(['actionlint/Bad=off'])).toBeInstanceOf(UsageError);
  });
});
