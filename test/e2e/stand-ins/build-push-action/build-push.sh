#!/usr/bin/env bash
# Build once with buildah, then for each tag `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`:
# push to the suite's registry as `<E2E_REGISTRY>/<repo>:<tag>` and PutImage the same manifest and
# digest into the ECR emulator, so ECR reports exactly what the registry holds.
set -euo pipefail
: "${E2E_REGISTRY:?stand-in build-push-action: E2E_REGISTRY (host:port of the suite registry) is not set}"
: "${E2E_BUILDAH_ROOT:?stand-in build-push-action: E2E_BUILDAH_ROOT is not set}"
buildah=(buildah --root "$E2E_BUILDAH_ROOT/root" --runroot "$E2E_BUILDAH_ROOT/run" --storage-driver vfs)
args=(--isolation chroot --quiet --file "${FILE:-$CONTEXT/Dockerfile}")
while IFS= read -r label; do [ -n "$label" ] && args+=(--label "$label"); done <<<"$LABELS"
while IFS= read -r arg; do [ -n "$arg" ] && args+=(--build-arg "$arg"); done <<<"$BUILD_ARGS"
mapfile -t tags < <(tr ',' '\n' <<<"$TAGS" | sed 's/^ *//; s/ *$//' | grep -v '^$')
[ "${#tags[@]}" -gt 0 ] || { echo "stand-in build-push-action: no tags"; exit 1; }
imageid=$("${buildah[@]}" build "${args[@]}" --tag "${tags[0]}" "$CONTEXT")
echo "stand-in build-push-action: built ${imageid} from ${CONTEXT}"
digest=""
if [ "$PUSH" = "true" ]; then
  for tag in "${tags[@]}"; do
    if ! [[ "$tag" =~ ^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/([^:]+):(.+)$ ]]; then
      echo "stand-in build-push-action: ${tag} is not an ECR image reference"; exit 1
    fi
    account=${BASH_REMATCH[1]} repository=${BASH_REMATCH[3]} image_tag=${BASH_REMATCH[4]}
    "${buildah[@]}" push --quiet --tls-verify=false --digestfile "$RUNNER_TEMP/digest" "$imageid" "docker://${E2E_REGISTRY}/${repository}:${image_tag}"
    digest=$(cat "$RUNNER_TEMP/digest")
    manifest=$(skopeo inspect --tls-verify=false --raw "docker://${E2E_REGISTRY}/${repository}@${digest}")
    ACCOUNT="$account" REPOSITORY="$repository" IMAGE_TAG="$image_tag" DIGEST="$digest" MANIFEST="$manifest" python3 -c '
import os, boto3
e = os.environ
boto3.client("ecr").put_image(registryId=e["ACCOUNT"], repositoryName=e["REPOSITORY"], imageTag=e["IMAGE_TAG"],
                              imageManifest=e["MANIFEST"], imageDigest=e["DIGEST"])'
    echo "stand-in build-push-action: pushed ${E2E_REGISTRY}/${repository}:${image_tag} (${digest}) and recorded it in ECR"
  done
fi
{ echo "digest=${digest}"; echo "imageid=${imageid}"; } >> "$GITHUB_OUTPUT"
