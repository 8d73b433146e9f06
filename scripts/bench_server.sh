#!/usr/bin/env bash
# Sync server benchmarks on loopback. Prints `metric value` lines and writes
# build/bench_server.json (a flat JSON object metric -> number).
#   server_pull_rps            small incremental pulls per second (wrk, 2 threads, 16
#                              connections, 10 s; a rep pulling the last few changes)  target >= 5000
#   server_push_p99_ms         p99 latency of 100-command batches, 4 clients pushing
#                              back to back for 10 s (one tenant: their batches queue
#                              behind its write lock)                                 target <= 50
#   server_push_cpu_ms_per_batch  server CPU time per 100-command batch in that run: the
#                              figure that does not depend on how busy the machine is
#   server_initial_sync_1m_ms  one client pulls the network data set (1M activities,
#                              1.44M records) in 10000-change pages, identity encoding target <= 10000
#   server_initial_sync_1m_gzip_ms  the same with gzip (what a browser asks for)
#   server_initial_sync_1m_cpu_ms   server CPU time of the identity run
# Called by scripts/bench.sh with its parts folder as $1: then build/bench_server.json is also
# copied there as server.json, for bench.sh's merged table.
# STORE=sqlite (default) or STORE=postgresql (a throwaway cluster on 127.0.0.1). SKIP_1M=1 skips
# the network data set (seeding it takes a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${STORE:-sqlite}
[[ -x build/native/forecourt_server && -x build/native/fc_server_bench_sync ]] || {
  [[ -f build/native/Makefile ]] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j2 --target forecourt_server fc_server_bench_sync >/dev/null
}
WORK=$(mktemp -d /tmp/forecourt-bench.XXXXXX)
SERVER_PID=
stop_server() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=
}
cleanup() {
  stop_server
  rm -rf "$WORK"
  if type pg_loopback_stop >/dev/null 2>&1; then pg_loopback_stop; fi
}
trap cleanup EXIT
if [[ $STORE == postgresql ]]; then
  source scripts/pg_loopback.sh
  pg_loopback_start
  trap cleanup EXIT
fi

# Starts the server on a fresh store seeded with demo size $1; sets PORT.
start_server() {
  local db_args=()
  if [[ $STORE == postgresql ]]; then
    local name="bench_$1_$RANDOM"
    createdb -h 127.0.0.1 -p "$PGPORT" -U postgres "$name"
    db_args=(--database "postgresql://postgres@127.0.0.1:$PGPORT/$name")
  fi
  # The network data set takes minutes to seed: on SQLite, start from the copy the browser
  # benchmarks keep seeded (tests/bench/seeded_data.mjs) when there is one.
  local seeded
  if [[ $STORE == sqlite && $1 == network ]]; then
    seeded=$(node --input-type=module -e "import { seededDataDir } from './tests/bench/seeded_data.mjs';
      console.log(seededDataDir('network', 1))")
    if [[ -f $seeded/forecourt.db ]]; then
      mkdir -p "$WORK/$1" && sqlite3 "$seeded/forecourt.db" ".backup $WORK/$1/forecourt.db"
    fi
  fi
  build/native/forecourt_server --port 0 --data-dir "$WORK/$1" --demo "$1" --demo-seed 1 --rules-interval 0 \
    --threads 24 "${db_args[@]}" >"$WORK/$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    PORT=$(grep -o 'running at http://127.0.0.1:[0-9]*' "$WORK/$1.log" | grep -o '[0-9]*$' || true)
    [[ -n $PORT ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$1.log"; return 1; }
    sleep 0.5
  done
  return 1
}
login() {
  curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" \
    -d "{\"tenant\":\"network-a\",\"user\":\"$1\",\"password\":\"forecourt-demo\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
declare -A M

start_server dealer
TOKEN=$(login D1-R1)
# A few fresh changes of the rep's dealer, so each pull returns a handful of records.
ACCOUNT=$(curl -sf "http://127.0.0.1:$PORT/api/v1/sync/pull?limit=200" -H "Authorization: Bearer $TOKEN" |
  python3 -c 'import json,sys; print(next(c["record"]["id"] for c in json.load(sys.stdin)["changes"] if c["table"]=="accounts"))')
NOW=$(date +%s)
CMDS=$(python3 -c "import json; print(json.dumps({'client_id':'bench-pull','commands':[{'id':f'bp{i}','client_id':'bench-pull','seq':i,'kind':'activity.log','at':$NOW,'payload':{'id':f'E-bp-{i}','account_id':'$ACCOUNT','type':'note','at':$NOW}} for i in range(1,6)]}))")
CURSOR=$(curl -sf "http://127.0.0.1:$PORT/api/v1/sync/pull?cursor=999999999" -H "Authorization: Bearer $TOKEN" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["cursor"])')
curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/sync/push" -H "Authorization: Bearer $TOKEN" -d "$CMDS" >/dev/null
WRK=$(wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/v1/sync/pull?cursor=$CURSOR&limit=100&client_id=bench-pull")
echo "$WRK" | grep -q 'Non-2xx' && { echo "$WRK"; echo "pull benchmark got errors"; exit 1; }
M[server_pull_rps]=$(echo "$WRK" | awk '/Requests\/sec/ {printf "%d", $2}')

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
T0=$(cpu_ticks)
PUSH=$(node tests/server_bench/push_load.mjs "http://127.0.0.1:$PORT" 4 100 10)
T1=$(cpu_ticks)
M[server_push_cpu_ms_per_batch]=$(echo "$PUSH" | python3 -c "import json,sys; print(round(($T1 - $T0) * 1000 / $(getconf CLK_TCK) / json.load(sys.stdin)['batches'], 2))")
M[server_push_p99_ms]=$(echo "$PUSH" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99_ms"])')
M[server_push_p50_ms]=$(echo "$PUSH" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50_ms"])')
M[server_push_commands_per_s]=$(echo "$PUSH" | python3 -c 'import json,sys; print(json.load(sys.stdin)["commands_per_s"])')
stop_server

if [[ -z ${SKIP_1M:-} ]]; then
  echo "(seeding the network data set: 1M activities; a few minutes)" >&2
  start_server network
  T0=$(cpu_ticks)
  M[server_initial_sync_1m_ms]=$(build/native/fc_server_bench_sync "$PORT" C-1 10000 identity |
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["records"]>1400000; print(d["ms"])')
  M[server_initial_sync_1m_cpu_ms]=$(( ($(cpu_ticks) - T0) * 1000 / $(getconf CLK_TCK) ))
  M[server_initial_sync_1m_gzip_ms]=$(build/native/fc_server_bench_sync "$PORT" C-1 10000 gzip |
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["records"]>1400000; print(d["ms"])')
  stop_server
fi

mkdir -p build
{
  echo "{"
  first=1
  for k in $(printf '%s\n' "${!M[@]}" | sort); do
    ((first)) || echo ","
    first=0
    printf '  "%s": %s' "$k" "${M[$k]}"
  done
  printf ',\n  "server_bench_store_%s": 1\n}\n' "$STORE"
} > build/bench_server.json
if [[ -n ${1:-} && -d $1 ]]; then cp build/bench_server.json "$1/server.json"; fi
echo "store $STORE (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"
for k in $(printf '%s\n' "${!M[@]}" | sort); do echo "$k ${M[$k]}"; done
