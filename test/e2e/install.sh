#!/usr/bin/env bash
# The end-to-end suite's own install step: everything it runs except ecspresso (which comes from no
# registry; docs/testing.md) and moto (the vitest setup every AWS-testing package shares finds it, or
# installs it into .cache/python). Idempotent: each tool is skipped when present. Needs Go (for act)
# and, for the registry and buildah, Debian's apt as root (or sudo).
set -euo pipefail

ACT_VERSION=v0.2.87 # renovate: datasource=go depName=github.com/nektos/act

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
