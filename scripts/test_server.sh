#!/usr/bin/env bash
# The server's integration tests (tests/server/*.test.mjs: the real binary on 127.0.0.1), run
# twice: against the embedded SQLite store, then against a throwaway PostgreSQL cluster started
# here on loopback. PostgreSQL refuses to run as root, so the cluster runs as the postgres user
# in a temp folder; it is stopped and removed on exit, whatever happens.
#   scripts/test_server.sh [sqlite|postgresql|both] [test files...]
set -euo pipefail
cd "$(dirname "$0")/.."
which_stores=${1:-both}
shift || true
files=("$@")
((${#files[@]})) || files=(tests/server/)

if [[ $which_stores == sqlite || $which_stores == both ]]; then
  echo "== server tests: SQLite"
  node --test --test-concurrency=1 "${files[@]}"
fi

if [[ $which_stores == postgresql || $which_stores == both ]]; then
  source scripts/pg_loopback.sh
  pg_loopback_start
  echo "== server tests: PostgreSQL on 127.0.0.1:$PGPORT"
  FORECOURT_TEST_PG="$PG_URL" \
    node --test --test-concurrency=1 "${files[@]}"
fi
