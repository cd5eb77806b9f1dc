import { describe, expect, it } from 'vitest';
import {
  parseConclusion,
  parseRetries,
  parseTimeoutSeconds,
  parseWebhookUrl,
  redact,
} from '../src/inputs.js';

describe('inputs', () => {
  it('conclusion is success, failure or cancelled', () => {
    expect(parseConclusion('cancelled')).toBe('cancelled');
    expect(() => parseConclusion('skipped')).toThrow(
      '`conclusion` must be success, failure or cancelled (got "skipped")',
    );
  });

  it('webhook-url must be an http(s) URL, and the error never repeats it', () => {
    expect(parseWebhookUrl('https://hooks.slack.com/services/T/B/tok').href).toBe(
      'https://hooks.slack.com/services/T/B/tok',
    );
    for (const bad of [
      'hooks.slack.com/services/T/B/tok',
      'ftp://hooks.slack.com/services/T/B/tok',
    ]) {
      expect(() => parseWebhookUrl(bad)).toThrow('`webhook-url`');
      expect(() => parseWebhookUrl(bad)).not.toThrow('tok');
    }
  });

  it('timeout-seconds is a positive number of seconds, at most 300', () => {
    expect(parseTimeoutSeconds('10')).toBe(10);
    expect(parseTimeoutSeconds('0.5')).toBe(0.5);
    for (const bad of ['', '0', '-1', 'ten', '301'])
      expect(() => parseTimeoutSeconds(bad)).toThrow('`timeout-seconds` must be');
  });

  it('retries is a whole number from 0 to 10', () => {
    expect(parseRetries('0')).toBe(0);
    expect(parseRetries('10')).toBe(10);
    for (const bad of ['', '-1', '1.5', '11', 'three'])
      expect(() => parseRetries(bad)).toThrow('`retries` must be');
  });

  it('redact removes every occurrence of the secret', () => {
    expect(redact('a SECRET b SECRET', 'SECRET')).toBe('a *** b ***');
    expect(redact('nothing', '')).toBe('nothing');
  });
});
