// Asks ECR whether one image exists, and for its digest. The SDK client honours
// AWS_ENDPOINT_URL by itself, so the same code runs against an emulator in tests.
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { EcrImage } from './image-ref.js';

export type Lookup =
  | { readonly status: 'found'; readonly digest: string }
  | { readonly status: 'missing'; readonly missing: 'image' | 'repository' }
  | { readonly status: 'error'; readonly message: string };

export type DescribeImage = (image: EcrImage) => Promise<Lookup>;

/** A DescribeImage over real ECR clients, one per region (the region in each image's host). */
export function ecrDescriber(): DescribeImage {
  const clients = new Map<string, ECRClient>();
  const clientFor = (region: string): ECRClient => {
    let client = clients.get(region);
    if (!client) {
      client = new ECRClient({ region });
      clients.set(region, client);
    }
    return client;
  };
  return (image) => describeImage(clientFor(image.region), image);
}

export async function describeImage(client: ECRClient, image: EcrImage): Promise<Lookup> {
  const imageId = image.digest ? { imageDigest: image.digest } : { imageTag: image.tag! };
  try {
    const response = await client.send(
      new DescribeImagesCommand({
        registryId: image.registryId,
        repositoryName: image.repository,
        imageIds: [imageId],
      }),
    );
    const digest = response.imageDetails?.[0]?.imageDigest;
    if (!digest) return { status: 'error', message: 'ECR described the image without a digest' };
    return { status: 'found', digest };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'ImageNotFoundException') return { status: 'missing', missing: 'image' };
    if (name === 'RepositoryNotFoundException') return { status: 'missing', missing: 'repository' };
    return { status: 'error', message: `${String(name ?? 'Error')}: ${(error as Error).message}` };
  }
}
