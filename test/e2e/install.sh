#!/usr/bin/env bash
# The end-to-end suite's own install step: everything it runs except ecspresso (which comes from no
# registry; docs/testing.md). Idempotent: each tool is skipped when present. Needs Go (for act),
# Python 3 with pip (for moto) and, for the registry and buildah, Debian's apt as root.
set -euo pipefail

ACT_VERSION=v0.2.87
MOTO_VERSION=5.2.1

gobin="$(go env GOPATH)/bin"
if command -v act >/dev/null 2>&1 || [ -x "$gobin/act" ]; then
  echo "e2e install: act present"
else
  echo "e2e install: act $ACT_VERSION (go install)"
  go install "github.com/nektos/act@$ACT_VERSION"
fi

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "e2e install: ${missing[*]} (apt-get)"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "e2e install: docker-registry, buildah, skopeo, openssl present"
fi

if command -v moto_server >/dev/null 2>&1; then
  echo "e2e install: moto present"
else
  echo "e2e install: moto[server] $MOTO_VERSION (pip)"
  python3 -m pip install --quiet "moto[server]==$MOTO_VERSION"
fi
