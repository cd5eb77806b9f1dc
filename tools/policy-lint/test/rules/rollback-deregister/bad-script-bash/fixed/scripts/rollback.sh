#!/usr/bin/env bash
# Rolls the service back to the previous task definition revision.
set -euo pipefail

echo "rolling back with ${CONFIG}"
ecspresso rollback --deregister-task-definition --config "${CONFIG}"
ecspresso status --config "${CONFIG}"
