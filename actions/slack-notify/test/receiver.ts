// A stand-in for Slack's webhook endpoint on 127.0.0.1: answers each request with the next scripted
// reply and records what it received. 'hang' reads the request and never answers; 'stall' sends a
// 200 status line and part of a body, then nothing more.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | {
      readonly status: number;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | 'hang'
  | 'stall';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Receiver {
  /** A webhook-shaped URL; its last path segment plays the secret token. */
  readonly url: string;
  readonly token: string;
  readonly requests: Received[];
  close(): Promise<void>;
}

/** Replies in order; the last one repeats for any further request. */
export async function startReceiver(replies: readonly Reply[]): Promise<Receiver> {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      const reply = replies[Math.min(requests.length, replies.length) - 1]!;
      if (reply === 'hang') return;
      if (reply === 'stall') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('o');
        return;
      }
      response.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const token = 'XsecretTOKEN0123456789';
  return {
    url: `http://127.0.0.1:${port}/services/T0001/B0001/${token}`,
    token,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/services/T0001/B0001/XsecretTOKEN0123456789`;
}

/** A sleep that records the requested delays and returns at once. */
export function recordingSleep(): {
  readonly delays: number[];
  readonly sleep: (ms: number) => Promise<void>;
} {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
