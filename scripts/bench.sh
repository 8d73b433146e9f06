#!/usr/bin/env bash
# Builds in release mode and runs the benchmarks: core (native and WASM under Node, same data,
# same code), and the app in headless Chromium. Prints a table and writes build/bench.json, a
# flat JSON object of metric name -> number. BENCH_FILTER=name runs only matching core benches.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
out=build/bench-parts
rm -rf "$out" && mkdir -p "$out"

echo "bench: core, native" >&2
build/native/fc_core_bench "${BENCH_FILTER:-}" > "$out/core_native.json"
echo "bench: core, WASM under Node" >&2
node --no-experimental-fetch build/wasm/fc_core_bench.js "${BENCH_FILTER:-}" > "$out/core_wasm.json"

bundle=$(cat build/www/forecourt_app.wasm build/www/forecourt_app.js | gzip -9 | wc -c)
echo "{\"wasm_bundle_gzip_bytes\": $bundle}" > "$out/bundle.json"

echo "bench: browser" >&2
node tests/bench/browser_bench.mjs > "$out/browser.json"
echo "bench: UI on the network data set (seeds ~1.3M records on first use: minutes)" >&2
node tests/bench/ui_bench.mjs > "$out/ui.json"
echo "bench: frame rate floor of this browser (an empty WebGL2 canvas)" >&2
node tests/bench/webgl_floor.mjs > "$out/webgl_floor.json"

for extra in scripts/bench_*.sh; do
  [[ -x "$extra" ]] && "$extra" "$out"
done

node scripts/bench_report.mjs "$out" build/bench.json
