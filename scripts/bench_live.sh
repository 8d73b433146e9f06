#!/usr/bin/env bash
# Live-update benchmarks (tests/bench/live_bench.mjs): lead-to-screen in headless Chromium on
# one server and across two server processes sharing a throwaway loopback PostgreSQL, and the
# idle event streams one process holds with the memory each costs.
#   lead_to_screen_p50_ms, lead_to_screen_p95_ms   50 leads, same server  targets <= 1000, <= 2000
#   lead_to_screen_cross_server_p95_ms             capture on A, tabs on B target <= 2000
#     (lead to screen: post -> the lead drawn in its owner's Now queue; every rep of the dealer
#     has a signed-in tab open on the Now screen)
#   server_open_streams_per_process                idle streams held     target >= 5000
#   server_stream_memory_kib                       server RSS per idle stream
#   server_poke_fanout_all_streams_ms              one capture -> every one of them poked
# Called by scripts/bench.sh with its parts folder as $1 (writes live.json there); alone it
# writes build/bench_live.json. LIVE_DEMO=tiny|dealer (default tiny: see live_bench.mjs), LIVE_LEADS=50, STREAMS=5000.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build}
mkdir -p "$out"
[[ -x build/native/forecourt_server && -f build/www/live.js ]] || scripts/build.sh >/dev/null
source scripts/pg_loopback.sh
pg_loopback_start

echo "bench: live, lead to screen (one server)" >&2
screen=$(node tests/bench/live_bench.mjs screen)
echo "bench: live, lead to screen (two servers on PostgreSQL)" >&2
cross=$(PG_URL="$PG_URL" node tests/bench/live_bench.mjs cross)
echo "bench: live, idle streams per process" >&2
streams=$(node tests/bench/live_bench.mjs streams)

file="$out/live.json"
[[ $out == build ]] && file=build/bench_live.json
node -e 'const parts = process.argv.slice(1).map((s) => JSON.parse(s));
  console.log(JSON.stringify(Object.assign({}, ...parts), null, 1));' "$screen" "$cross" "$streams" > "$file"
echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores" >&2
cat "$file"
