// Shared test fixtures: ECR contents in moto, and a stand-in for `ecspresso render`.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import type { Moto } from '@doppio-dev/action-testing';

/** moto's default account: repositories it creates live in this registry. */
export const ACCOUNT = '123456789012';
export const REGION = 'ap-northeast-1';
export const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

/** A predictable digest: `sha256:` and 64 copies of one hex digit. */
export function digest(hexDigit: string): string {
  return `sha256:${hexDigit.repeat(64)}`;
}

export function ecrClient(moto: Moto, region = REGION): ECRClient {
  return new ECRClient({
    region,
    endpoint: moto.endpoint,
    credentials: {
      accessKeyId: moto.env['AWS_ACCESS_KEY_ID']!,
      secretAccessKey: moto.env['AWS_SECRET_ACCESS_KEY']!,
    },
  });
}

export async function createRepository(client: ECRClient, repositoryName: string): Promise<void> {
  await client.send(new CreateRepositoryCommand({ repositoryName }));
}

/**
 * Pushes an image record with an explicit digest (moto otherwise derives one from the layers).
 * The manifest differs per tag because moto merges images with identical manifests.
 */
export async function putImage(
  client: ECRClient,
  repositoryName: string,
  imageTag: string,
  imageDigest: string,
): Promise<void> {
  const imageManifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 100,
      digest: imageDigest,
    },
    layers: [
      {
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        size: 200,
        digest: digest(imageTag.slice(0, 1) === 'f' ? 'e' : 'f'),
      },
    ],
    annotations: { tag: `${repositoryName}:${imageTag}` },
  });
  await client.send(new PutImageCommand({ repositoryName, imageTag, imageManifest, imageDigest }));
}

/**
 * A STAND-IN for `ecspresso render taskdef --config <config>` (the real CLI runs in the end-to-end
 * suite): a shell script that refuses any other arguments and prints a task definition whose images
 * use $IMAGE_TAG. `images` are templates in which `$IMAGE_TAG` is expanded by the shell.
 */
export function fakeEcspressoRender(
  images: readonly string[],
  options: { exitCode?: number; stderr?: string } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-image-ecspresso-'));
  const path = join(dir, 'ecspresso-render-stand-in');
  const containers = images
    .map((image, i) => `{"name": "c${i}", "image": "${image}", "essential": true}`)
    .join(', ');
  const failure = options.exitCode
    ? `echo '${options.stderr ?? ''}' >&2\nexit ${options.exitCode}\n`
    : '';
  writeFileSync(
    path,
    `#!/bin/sh
# Stand-in for \`ecspresso render taskdef --config <config>\`: prints a rendered task definition.
if [ "$1" != render ] || [ "$2" != taskdef ] || [ "$3" != --config ] || [ -z "$4" ] || [ $# -ne 4 ]; then
  echo "stand-in: unexpected arguments: $*" >&2
  exit 64
fi
${failure}cat <<JSON
{"family": "web", "containerDefinitions": [${containers}]}
JSON
`,
  );
  chmodSync(path, 0o755);
  return path;
}
