// A rule's messages are filled in from its meta: every placeholder gets its value, and a report
// whose values do not match the message's placeholders is a bug in the rule, said as one.
import { describe, expect, it } from 'vitest';
import { formatMessage, placeholdersOf, type RuleMeta } from '../src/rules/rule.js';

const META: RuleMeta = {
  id: 'example',
  defaultSeverity: 'error',
  description: 'an example',
  fixable: false,
  messages: {
    tag: '`{image}` has the tag `{tag}`, not a commit SHA; tag `{image}` with the SHA',
    plain: 'no placeholders here',
  },
};

describe('formatMessage', () => {
  it('fills every placeholder, each as often as the message uses it', () => {
    expect(formatMessage(META, 'tag', { image: 'web', tag: 'latest' })).toBe(
      '`web` has the tag `latest`, not a commit SHA; tag `web` with the SHA',
    );
    expect(formatMessage(META, 'plain', undefined)).toBe('no placeholders here');
    expect(placeholdersOf(META.messages['tag']!)).toEqual(['image', 'tag']);
  });

  it('refuses a value missing, a value too many and a message the meta lacks', () => {
    expect(() => formatMessage(META, 'tag', { image: 'web' })).toThrow(
      'example/tag: no value for {tag}',
    );
    expect(() => formatMessage(META, 'tag', { image: 'web', tag: 'x', digest: 'y' })).toThrow(
      'example/tag: values without a placeholder: digest',
    );
    expect(() => formatMessage(META, 'tag', { image: 'web', digest: 'y' })).toThrow(
      'example/tag: no value for {tag}; values without a placeholder: digest',
    );
    expect(() => formatMessage(META, 'plain', { extra: 1 })).toThrow(
      'example/plain: values without a placeholder: extra',
    );
    expect(() => formatMessage(META, 'nope', undefined)).toThrow(
      'example reports the message `nope`, which its meta does not define',
    );
  });
});
