// deliver() against a real HTTP receiver on 127.0.0.1. Waits between attempts are recorded, not
// slept, so the backoff and Retry-After handling are asserted as numbers (no timing).
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, deliver, parseRetryAfter } from '../src/deliver.js';
import { closedPortUrl, recordingSleep, startReceiver, type Receiver } from './receiver.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function post(
  replies: Parameters<typeof startReceiver>[0],
  options: { retries?: number; timeoutMs?: number } = {},
) {
  receiver = await startReceiver(replies);
  const { delays, sleep } = recordingSleep();
  const log: string[] = [];
  const result = await deliver(
    new URL(receiver.url),
    { text: 'hi' },
    { retries: 3, timeoutMs: 5000, ...options, sleep, log: (line) => log.push(line) },
  );
  return { result, delays, log, requests: receiver.requests };
}

describe('deliver', () => {
  it('POSTs the payload as JSON once when the server answers 200', async () => {
    const { result, requests, delays } = await post([{ status: 200, body: 'ok' }]);
    expect(result).toEqual({ delivered: true, attempts: 1, status: 200 });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.path).toBe('/services/T0001/B0001/XsecretTOKEN0123456789');
    expect(requests[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(requests[0]!.body)).toEqual({ text: 'hi' });
    expect(delays).toEqual([]);
  });

  it('retries 5xx with backoff and stops at the first success', async () => {
    const { result, delays, log } = await post([
      { status: 500, body: 'oops' },
      { status: 503 },
      { status: 200, body: 'ok' },
    ]);
    expect(result).toEqual({ delivered: true, attempts: 3, status: 200 });
    expect(delays).toEqual([1000, 2000]);
    expect(log).toEqual([
      'attempt 1/4: HTTP 500 Internal Server Error: oops; retrying in 1s',
      'attempt 2/4: HTTP 503 Service Unavailable; retrying in 2s',
    ]);
  });

  it('gives up after 1 + retries attempts and reports the last failure', async () => {
    const { result, delays, requests } = await post([{ status: 502, body: 'bad gateway' }], {
      retries: 2,
    });
    expect(result).toEqual({
      delivered: false,
      attempts: 3,
      status: 502,
      failure: 'HTTP 502 Bad Gateway: bad gateway',
    });
    expect(requests).toHaveLength(3);
    expect(delays).toEqual([1000, 2000]);
  });

  it('never retries a 4xx other than 429', async () => {
    const { result, requests, log } = await post([{ status: 404, body: 'no_service' }]);
    expect(result).toEqual({
      delivered: false,
      attempts: 1,
      status: 404,
      failure: 'HTTP 404 Not Found: no_service',
    });
    expect(requests).toHaveLength(1);
    expect(log[0]).toContain('not retried');
  });

  it('does not follow a redirect (it would turn the POST into a GET)', async () => {
    const { result, requests } = await post([{ status: 302, headers: { location: '/elsewhere' } }]);
    expect(result.delivered).toBe(false);
    expect(result.status).toBe(302);
    expect(requests).toHaveLength(1);
  });

  it('retries 429 after the Retry-After the server asks for', async () => {
    const { result, delays } = await post([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200 },
    ]);
    expect(result).toEqual({ delivered: true, attempts: 3, status: 200 });
    expect(delays).toEqual([0, 2000]);
  });

  it('backs off on a 429 without Retry-After', async () => {
    const { result, delays } = await post([{ status: 429 }, { status: 200 }]);
    expect(result.attempts).toBe(2);
    expect(delays).toEqual([1000]);
  });

  it('does not wait for a Retry-After longer than the timeout budget', async () => {
    const { result, delays, log } = await post(
      [{ status: 429, body: 'rate_limited', headers: { 'retry-after': '60' } }],
      { timeoutMs: 10_000 },
    );
    expect(result).toEqual({
      delivered: false,
      attempts: 1,
      status: 429,
      failure: 'HTTP 429 Too Many Requests: rate_limited',
    });
    expect(delays).toEqual([]);
    expect(log[0]).toContain('asks to retry after 60s, longer than the 10s timeout');
  });

  it('retries network errors and reports them without an HTTP status', async () => {
    const url = await closedPortUrl();
    const { delays, sleep } = recordingSleep();
    const result = await deliver(new URL(url), {}, { retries: 1, timeoutMs: 5000, sleep });
    expect(result.delivered).toBe(false);
    expect(result.attempts).toBe(2);
    expect(result.status).toBeUndefined();
    expect(result.failure).toMatch(/^network error: fetch failed \(ECONNREFUSED\)$/);
    expect(delays).toEqual([1000]);
  });

  it('times out a server that never answers, and retries', async () => {
    const { result, requests } = await post(['hang'], { retries: 1, timeoutMs: 300 });
    expect(result).toEqual({
      delivered: false,
      attempts: 2,
      status: undefined,
      failure: 'no answer within 0.3s (timed out)',
    });
    expect(requests).toHaveLength(2);
  });

  it('times out a server that sends headers and then stalls the body', async () => {
    const { result } = await post(['stall'], { retries: 0, timeoutMs: 300 });
    expect(result).toEqual({
      delivered: false,
      attempts: 1,
      status: undefined,
      failure: 'no answer within 0.3s (timed out)',
    });
  });

  it('truncates a long response body in the report', async () => {
    const { result } = await post([{ status: 400, body: 'x'.repeat(1000) }]);
    expect(result.failure).toBe(`HTTP 400 Bad Request: ${'x'.repeat(300)}…`);
  });
});

describe('retry timing', () => {
  it('backoff doubles from 1 s and is capped at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('Retry-After is delta-seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
