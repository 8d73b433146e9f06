#!/usr/bin/env bash
# Bench part: the 100k-contact import through the real UI in headless Chromium
# (tests/bench/import_ui_bench.mjs). Called by scripts/bench.sh with the parts folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/bench-parts}
mkdir -p "$out"
echo "bench: import through the UI in Chromium" >&2
node tests/bench/import_ui_bench.mjs > "$out/import_ui.json"
