#!/bin/sh
# The `doppio-lint` pre-commit hook (.pre-commit-hooks.yaml at the repository root): runs the
# linter release of the hook's own revision — this package's name and version — with npx, so the
# `rev:` that pins the hook pins the linter too. Arguments (the hook's `args:`) go to doppio-lint.
set -eu
package=$(node -e '
  const { name, version } = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  process.stdout.write(`${name}@${version}`);
' "$(dirname "$0")/package.json")
exec npx --yes "$package" "$@"
