// The artifact service stand-in against the real @actions/artifact client (the library deploy-record
// and collect-records bundle): upload, list, download, and one run never sees another's artifacts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type ArtifactService, startArtifactService } from './harness/artifact-service.js';

let service: ArtifactService;
beforeAll(async () => {
  service = await startArtifactService();
  // @actions/core writes the client's progress to stdout (`::debug::` lines and notices), for a
  // runner to read; here it would bury the suite's own output. Failures still reach the report.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => {
  vi.restoreAllMocks();
  service?.stop();
});

function asRun(token: string): void {
  process.env['ACTIONS_RESULTS_URL'] = service.url;
  process.env['ACTIONS_RUNTIME_TOKEN'] = token;
}

it('takes an upload from @actions/artifact and gives it back, within its run only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
  writeFileSync(join(dir, 'record.json'), '{"hello": "world"}\n');
  const client = new DefaultArtifactClient();
  const run = service.tokenForRun();
  asRun(run);
  const uploaded = await client.uploadArtifact(
    'doppio-record-deploy-staging-web-1',
    [join(dir, 'record.json')],
    dir,
  );
  expect(uploaded.id).toBeGreaterThan(0);
  await expect(
    client.uploadArtifact('doppio-record-deploy-staging-web-1', [join(dir, 'record.json')], dir),
  ).rejects.toThrow(/already exists/);

  writeFileSync(join(dir, 'record.json'), '{"hello": "api"}\n');
  await client.uploadArtifact(
    'doppio-record-deploy-staging-api-1',
    [join(dir, 'record.json')],
    dir,
  );

  const { artifacts } = await client.listArtifacts({ latest: true });
  const byName = new Map(artifacts.map((a) => [a.name, a]));
  expect([...byName.keys()].sort()).toEqual([
    'doppio-record-deploy-staging-api-1',
    'doppio-record-deploy-staging-web-1',
  ]);
  // Each download is the artifact asked for (the client looks it up by id first).
  for (const [name, text] of [
    ['doppio-record-deploy-staging-api-1', '{"hello": "api"}\n'],
    ['doppio-record-deploy-staging-web-1', '{"hello": "world"}\n'],
  ] as const) {
    const artifact = byName.get(name)!;
    const out = join(dir, `out-${artifact.id}`);
    await client.downloadArtifact(artifact.id, { path: out });
    expect(readFileSync(join(out, 'record.json'), 'utf8')).toBe(text);
  }

  asRun(service.tokenForRun());
  expect((await client.listArtifacts({ latest: true })).artifacts).toEqual([]);
  expect(service.names(run).sort()).toEqual([
    'doppio-record-deploy-staging-api-1',
    'doppio-record-deploy-staging-web-1',
  ]);
});
