// describeImage against a real moto server: the request ECR gets (registry, region, tag or
// digest) and how its answers are read.
import { ECRClient } from '@aws-sdk/client-ecr';
import { startMoto, type Moto } from '@doppio-dev/action-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeImage, ecrDescriber } from '../src/ecr.js';
import { parseImageReference, type EcrImage } from '../src/image-ref.js';
import { ACCOUNT, HOST, createRepository, digest, ecrClient, putImage } from './fixtures.js';

let moto: Moto;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMoto();
  // ecrDescriber builds its own clients: they find moto through AWS_ENDPOINT_URL, as in a workflow.
  Object.assign(process.env, moto.env);
  const client = ecrClient(moto);
  await createRepository(client, 'team/web');
  await putImage(client, 'team/web', 'abc', digest('1'));
  await putImage(client, 'team/web', 'def', digest('2'));
  const elsewhere = ecrClient(moto, 'eu-west-1');
  await createRepository(elsewhere, 'team/web');
  await putImage(elsewhere, 'team/web', 'eu-only', digest('3'));
});

afterAll(async () => {
  process.env = savedEnv;
  await moto?.stop();
});

const image = (ref: string): EcrImage => {
  const parsed = parseImageReference(ref);
  if (parsed.kind !== 'ecr') throw new Error(`not ECR: ${ref}`);
  return parsed.image;
};

it('finds an image by tag and returns its digest', async () => {
  expect(await describeImage(ecrClient(moto), image(`${HOST}/team/web:def`))).toEqual({
    status: 'found',
    digest: digest('2'),
  });
});

it('finds an image by digest', async () => {
  expect(await describeImage(ecrClient(moto), image(`${HOST}/team/web@${digest('1')}`))).toEqual({
    status: 'found',
    digest: digest('1'),
  });
});

it('reads ImageNotFoundException as a missing image, by tag or by digest', async () => {
  expect(await describeImage(ecrClient(moto), image(`${HOST}/team/web:nope`))).toEqual({
    status: 'missing',
    missing: 'image',
  });
  expect(await describeImage(ecrClient(moto), image(`${HOST}/team/web@${digest('9')}`))).toEqual({
    status: 'missing',
    missing: 'image',
  });
});

it('reads RepositoryNotFoundException as a missing repository', async () => {
  expect(await describeImage(ecrClient(moto), image(`${HOST}/team/api:abc`))).toEqual({
    status: 'missing',
    missing: 'repository',
  });
});

it("asks the registry named in the host (registryId), not the caller's own account", async () => {
  const other = `999999999999.dkr.ecr.ap-northeast-1.amazonaws.com/team/web:abc`;
  expect(ACCOUNT).not.toBe('999999999999');
  expect(await describeImage(ecrClient(moto), image(other))).toEqual({
    status: 'missing',
    missing: 'repository',
  });
});

it('ecrDescriber asks the region named in each host', async () => {
  const describe = ecrDescriber();
  expect(
    await describe(image(`${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/team/web:eu-only`)),
  ).toEqual({ status: 'found', digest: digest('3') });
  expect(await describe(image(`${HOST}/team/web:eu-only`))).toEqual({
    status: 'missing',
    missing: 'image',
  });
  expect(await describe(image(`${HOST}/team/web:abc`))).toEqual({
    status: 'found',
    digest: digest('1'),
  });
});

it('reports other errors with their name', async () => {
  // Nothing listens on port 9 (discard) of the loopback: the SDK's error, not an ECR answer.
  const unreachable = new ECRClient({
    region: 'ap-northeast-1',
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const lookup = await describeImage(unreachable, image(`${HOST}/team/web:abc`));
  expect(lookup.status).toBe('error');
  expect(lookup.status === 'error' && lookup.message).toMatch(/ECONNREFUSED/);
});
