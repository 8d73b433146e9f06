#!/usr/bin/env bash
# Offline-first benchmarks (tests/bench/offline_bench.mjs): push of 10k offline commands,
# incremental pull of 100 changes, the first sync and the offline restore of the network data
# set (BENCH_OFFLINE_1M=0 skips those two: seeding and syncing 1M records takes minutes). Writes offline.json into the parts folder ($1, default
# build/bench-parts), which scripts/bench.sh merges into build/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/bench-parts}
mkdir -p "$out"
[[ -x build/native/forecourt_server && -f build/www/forecourt_app.wasm ]] || scripts/build.sh >/dev/null
echo "bench: offline first (browser sync)" >&2
node tests/bench/offline_bench.mjs > "$out/offline.json"
cat "$out/offline.json" >&2
