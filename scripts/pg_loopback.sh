# Sourced by test_server.sh and bench_server.sh: a throwaway PostgreSQL cluster on 127.0.0.1.
# PostgreSQL refuses to run as root, so it runs as the postgres user in a temp folder.
#   pg_loopback_start   sets PG_URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#   pg_loopback_stop    stops it and removes its folder (also registered as an EXIT trap)
pg_loopback_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR=$(mktemp -d /tmp/forecourt-pg.XXXXXX)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chown postgres "$PGDIR"
  trap pg_loopback_stop EXIT
  _as_postgres "$PG_BIN/initdb -D $PGDIR/data -A trust -U postgres" >/dev/null
  _as_postgres "$PG_BIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -w start \
    -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200'" >/dev/null
  PG_URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
}
pg_loopback_stop() {
  [[ -n ${PGDIR:-} && -d $PGDIR ]] || return 0
  _as_postgres "$PG_BIN/pg_ctl -D $PGDIR/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
_as_postgres() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
