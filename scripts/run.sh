#!/usr/bin/env bash
# Installs what is missing, builds, and runs Forecourt on 127.0.0.1 with the embedded SQLite
# store (in ./data, seeded with demo data on first start). Prints the URL to open.
#   PORT=8080 DEMO=dealer scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo "Sign in: tenant network-a, user C-1 (central), D1-M (manager) or D1-R1 (rep);"
echo "password forecourt-demo (see docs/server.md)."
exec build/native/forecourt_server --host 127.0.0.1 --port "${PORT:-8080}" \
  --data-dir "${DATA_DIR:-data}" --www build/www --demo "${DEMO:-dealer}"
