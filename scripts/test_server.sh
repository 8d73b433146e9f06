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
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR=$(mktemp -d /tmp/forecourt-pg.XXXXXX)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chown postgres "$PGDIR"
  as_postgres() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  stop_pg() {
    as_postgres "$PG_BIN/pg_ctl -D $PGDIR/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  }
  trap stop_pg EXIT
  as_postgres "$PG_BIN/initdb -D $PGDIR/data -A trust -U postgres" >/dev/null
  as_postgres "$PG_BIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -w start \
    -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=on'" >/dev/null
  echo "== server tests: PostgreSQL on 127.0.0.1:$PGPORT"
  FORECOURT_TEST_PG="postgresql://postgres@127.0.0.1:$PGPORT/postgres" \
    node --test --test-concurrency=1 "${files[@]}"
fi
