// Stands in for Slack's incoming webhook: records every payload posted to it, and answers 200 "ok"
// (as Slack does) or, to rehearse an outage, the status it is told to.
import { createServer } from 'node:http';

export interface SlackReceiver {
  /** The webhook URL to hand the workflow as its secret. */
  readonly url: string;
  /** Every JSON payload received, oldest first (also those answered with an error). */
  readonly payloads: unknown[];
  /** The status the next requests get: 200 by default, 500 for an outage. */
  answerWith(status: number): void;
  stop(): Promise<void>;
}

export async function startSlackReceiver(): Promise<SlackReceiver> {
  const payloads: unknown[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      try {
        payloads.push(JSON.parse(body));
      } catch {
        payloads.push(body);
      }
      response
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 200 ? 'ok' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/e2e`,
    payloads,
    answerWith: (next) => (status = next),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
