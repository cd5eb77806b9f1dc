// Posts one JSON payload to a webhook with a timeout per attempt and bounded retries.
//
// Node's built-in fetch and AbortSignal.timeout, no library: this is one POST with retries, and
// @slack/webhook would bring axios (and its dependencies) into the bundle to do the same.
import { setTimeout as delay } from 'node:timers/promises';

export interface DeliveryOptions {
  /** Retries after the first attempt (0: one attempt only). */
  readonly retries: number;
  /** How long one attempt (request and response body) may take. Also the longest Retry-After honoured. */
  readonly timeoutMs: number;
  /** Waits between attempts; tests pass one that records the delays instead of waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** One line per failed attempt. Lines never name the URL; the caller still redacts them, to be sure. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

export interface Delivery {
  readonly delivered: boolean;
  readonly attempts: number;
  /** The HTTP status of the last attempt; undefined when it got no response (timeout, network error). */
  readonly status?: number;
  /** Why the message was not delivered (the last attempt's failure), when it was not. */
  readonly failure?: string;
}

type Outcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly statusText: string;
      readonly body: string;
      readonly retryAfter: string | null;
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly message: string };

const BODY_MAX = 300;

/** 1 s, 2 s, 4 s, … between attempts, at most 30 s. */
export function backoffMs(retry: number): number {
  return Math.min(1000 * 2 ** (retry - 1), 30_000);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRetryable(outcome: Outcome): boolean {
  // A 4xx other than 429 (bad payload, revoked webhook, archived channel) will not change on retry.
  return outcome.kind !== 'response' || outcome.status === 429 || outcome.status >= 500;
}

function describe(outcome: Outcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'timeout':
      return `no answer within ${timeoutMs / 1000}s (timed out)`;
    case 'network':
      return `network error: ${outcome.message}`;
    case 'response': {
      const status = `HTTP ${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ''}`;
      return outcome.body ? `${status}: ${outcome.body}` : status;
    }
  }
}

function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = error.cause;
  if (cause instanceof Error)
    return `${error.message} (${(cause as NodeJS.ErrnoException).code ?? cause.message})`;
  return error.message;
}

async function attempt(url: URL, body: string, timeoutMs: number): Promise<Outcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      // Following a redirect would turn the POST into a GET or send the message elsewhere.
      redirect: 'manual',
      signal,
    });
    // The body is read under the same signal: a server that sends headers and stalls still times out.
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      body: text.length > BODY_MAX ? `${text.slice(0, BODY_MAX)}…` : text,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', message: networkMessage(error) };
  }
}

export async function deliver(
  url: URL,
  payload: unknown,
  options: DeliveryOptions,
): Promise<Delivery> {
  const {
    retries,
    timeoutMs,
    sleep = (ms: number) => delay(ms),
    log = () => {},
    now = Date.now,
  } = options;
  const body = JSON.stringify(payload);
  const attempts = retries + 1;
  for (let n = 1; ; n++) {
    const outcome = await attempt(url, body, timeoutMs);
    const status = outcome.kind === 'response' ? outcome.status : undefined;
    if (status !== undefined && status >= 200 && status < 300)
      return { delivered: true, attempts: n, status };
    const failure = describe(outcome, timeoutMs);
    const stop = (reason: string): Delivery => {
      log(`attempt ${n}/${attempts}: ${failure}; ${reason}`);
      return { delivered: false, attempts: n, status, failure };
    };
    if (!isRetryable(outcome)) return stop('not retried (the request itself was refused)');
    if (n === attempts) return stop('no retries left');
    const retryAfter =
      outcome.kind === 'response' ? parseRetryAfter(outcome.retryAfter, now()) : undefined;
    if (retryAfter !== undefined && retryAfter > timeoutMs) {
      return stop(
        `the server asks to retry after ${Math.ceil(retryAfter / 1000)}s, longer than the ${timeoutMs / 1000}s timeout: not retried`,
      );
    }
    const wait = retryAfter ?? backoffMs(n);
    log(`attempt ${n}/${attempts}: ${failure}; retrying in ${wait / 1000}s`);
    await sleep(wait);
  }
}
