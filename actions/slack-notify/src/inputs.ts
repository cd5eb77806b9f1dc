// Checks of the action's inputs. Messages never repeat the webhook URL: it is a secret.
import type { Conclusion } from './message.js';

const CONCLUSIONS: readonly string[] = ['success', 'failure', 'cancelled'];

export function parseConclusion(text: string): Conclusion {
  if (!CONCLUSIONS.includes(text)) {
    throw new Error(
      `\`conclusion\` must be success, failure or cancelled (got ${JSON.stringify(text)}): pass the \`conclusion\` output of doppio's conclusion action`,
    );
  }
  return text as Conclusion;
}

export function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(
      '`webhook-url` is not a URL: pass the Slack incoming webhook URL (https://hooks.slack.com/services/…) from a secret',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(
      '`webhook-url` must be an http(s) URL: pass the Slack incoming webhook URL from a secret',
    );
  return url;
}

export function parseTimeoutSeconds(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new Error(
      `\`timeout-seconds\` must be a number of seconds above 0 and at most 300 (got ${JSON.stringify(text)})`,
    );
  }
  return seconds;
}

export function parseRetries(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 10)
    throw new Error(
      `\`retries\` must be a whole number from 0 to 10 (got ${JSON.stringify(text)})`,
    );
  return Number(text);
}

/** Removes every occurrence of the secret from a text that is about to be logged. */
export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('***');
}
