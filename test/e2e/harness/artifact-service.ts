// Stands in for GitHub's Actions artifact service (v4) — what @actions/artifact talks to, and what
// the deploy records travel through. act has an artifact server of its own, but v0.2.87's refuses
// today's uploads (its signed upload URL does not survive the Azure blob client's re-encoding:
// nektos/act#6021). This one speaks the same protocol: Twirp JSON calls under
// /twirp/github.actions.results.api.v1.ArtifactService/ (CreateArtifact, FinalizeArtifact,
// ListArtifacts, GetSignedArtifactURL), an Azure block-blob upload (Put Block, Put Block List) to the
// signed upload URL, and a download of the blob from the signed URL. Each workflow run gets a
// runtime token naming its run (the `Actions.Results:<run>:<job>` scope the client reads), so runs
// never see each other's artifacts. It keeps everything in memory.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';

interface Artifact {
  readonly id: number;
  readonly run: string;
  readonly name: string;
  readonly contentType: string;
  readonly createdAt: string;
  blocks: Map<string, Buffer>;
  blob: Buffer | undefined;
  finalized: boolean;
}

export interface ArtifactService {
  /** What ACTIONS_RUNTIME_URL (and so ACTIONS_RESULTS_URL) names. */
  readonly url: string;
  /** A runtime token for a new workflow run (ACTIONS_RUNTIME_TOKEN). */
  tokenForRun(): string;
  /** The finalized artifacts' names, by run token. */
  names(token: string): string[];
  stop(): Promise<void>;
}

const base64url = (data: string): string => Buffer.from(data).toString('base64url');

/** The run a token names: its `Actions.Results:<run>:<job>` scope. */
function runOf(request: IncomingMessage): string | undefined {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  const scp =
    (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scp?: string }).scp ?? '';
  return scp
    .split(' ')
    .find((s) => s.startsWith('Actions.Results:'))
    ?.split(':')[1];
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Twirp messages come with proto field names (snake_case) or JSON names (camelCase). */
function field(message: Record<string, unknown>, name: string): unknown {
  return message[name] ?? message[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
}

export async function startArtifactService(): Promise<ArtifactService> {
  const artifacts: Artifact[] = [];
  let nextId = 1;
  let url = '';
  const server = createServer((request, response) => {
    void (async () => {
      const reply = (status: number, payload: unknown): void => {
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(payload));
      };
      const path = new URL(request.url ?? '/', url);
      const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(
        path.pathname,
      )?.[1];
      if (twirp) {
        const run = runOf(request);
        if (!run)
          return reply(401, {
            code: 'unauthenticated',
            msg: 'no Actions.Results scope in the runtime token',
          });
        const message = JSON.parse((await body(request)).toString() || '{}') as Record<
          string,
          unknown
        >;
        const name = String(field(message, 'name') ?? '');
        const ofRun = artifacts.filter((a) => a.run === run && a.finalized);
        switch (twirp) {
          case 'CreateArtifact': {
            if (artifacts.some((a) => a.run === run && a.name === name))
              return reply(409, {
                code: 'already_exists',
                msg: `an artifact with the name ${name} already exists in this run`,
              });
            const mime = field(message, 'mime_type');
            const contentType =
              typeof mime === 'string'
                ? mime
                : ((mime as { value?: string } | undefined)?.value ?? 'application/zip');
            const artifact: Artifact = {
              id: nextId++,
              run,
              name,
              contentType,
              createdAt: new Date().toISOString(),
              blocks: new Map(),
              blob: undefined,
              finalized: false,
            };
            artifacts.push(artifact);
            return reply(200, {
              ok: true,
              signedUploadUrl: `${url}blob/${artifact.id}?sig=${randomUUID()}`,
            });
          }
          case 'FinalizeArtifact': {
            const artifact = artifacts.find(
              (a) => a.run === run && a.name === name && a.blob !== undefined,
            );
            if (!artifact)
              return reply(404, { code: 'not_found', msg: `no uploaded artifact ${name}` });
            artifact.finalized = true;
            return reply(200, { ok: true, artifactId: String(artifact.id) });
          }
          case 'ListArtifacts': {
            // Filters come as wrapper messages ({ value }) or plain values; ids as int64 strings.
            const unwrap = (value: unknown): string | undefined =>
              value === undefined || value === null
                ? undefined
                : String(typeof value === 'object' ? (value as { value?: unknown }).value : value);
            const [byName, byId] = [
              unwrap(field(message, 'name_filter')),
              unwrap(field(message, 'id_filter')),
            ];
            const listed = ofRun.filter(
              (a) =>
                (byName === undefined || a.name === byName) &&
                (byId === undefined || String(a.id) === byId),
            );
            return reply(200, {
              artifacts: listed.map((a) => ({
                workflowRunBackendId: a.run,
                workflowJobRunBackendId: 'job',
                databaseId: String(a.id),
                name: a.name,
                size: String(a.blob?.length ?? 0),
                createdAt: a.createdAt,
              })),
            });
          }
          case 'GetSignedArtifactURL': {
            const artifact = ofRun.find((a) => a.name === name);
            if (!artifact) return reply(404, { code: 'not_found', msg: `no artifact ${name}` });
            return reply(200, { signedUrl: `${url}blob/${artifact.id}?sig=${randomUUID()}` });
          }
          default:
            return reply(404, { code: 'bad_route', msg: `no method ${twirp}` });
        }
      }
      const blob = /^\/blob\/(\d+)$/.exec(path.pathname);
      const artifact = blob ? artifacts.find((a) => a.id === Number(blob[1])) : undefined;
      if (!artifact) return reply(404, { code: 'not_found' });
      if (request.method === 'GET') {
        response
          .writeHead(200, {
            'content-type': artifact.contentType,
            'content-length': artifact.blob?.length ?? 0,
          })
          .end(artifact.blob);
        return;
      }
      // Azure's Put Block and Put Block List, as BlockBlobClient.uploadStream sends them.
      const comp = path.searchParams.get('comp');
      const data = await body(request);
      if (comp === 'block') artifact.blocks.set(path.searchParams.get('blockid') ?? '', data);
      else if (comp === 'blocklist') {
        const ids = [
          ...data.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g),
        ].map((m) => m[1]!);
        artifact.blob = Buffer.concat(ids.map((id) => artifact.blocks.get(id) ?? Buffer.alloc(0)));
      } else artifact.blob = data;
      response
        .writeHead(201, {
          'x-ms-request-id': randomUUID(),
          'x-ms-version': '2025-01-05',
          etag: `"${artifact.id}"`,
          'last-modified': new Date().toUTCString(),
        })
        .end();
    })().catch((error: unknown) => {
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'internal', msg: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return {
    url,
    tokenForRun: () =>
      `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify({ scp: `Actions.GenericRead Actions.Results:${randomUUID()}:${randomUUID()}` }))}.e2e`,
    names: (token) => {
      const run = runOf({ headers: { authorization: `Bearer ${token}` } } as IncomingMessage);
      return artifacts.filter((a) => a.run === run && a.finalized).map((a) => a.name);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
