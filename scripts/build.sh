#!/usr/bin/env bash
# Builds the native tree (core, ui, tests, server) and the WASM app, and assembles the web
# root in build/www. Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's Node must find Debian's acorn (TOOLCHAIN.md)
JOBS=${JOBS:-2}

[[ -f build/native/Makefile ]] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$JOBS"

[[ -f build/wasm/Makefile ]] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$JOBS"

mkdir -p build/www/fonts build/www/portal-demo
cp web/*.html web/*.js web/*.css web/*.svg build/www/
cp web/portal-demo/* build/www/portal-demo/
cp build/wasm/forecourt_app.js build/wasm/forecourt_app.wasm build/www/
cp /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf build/www/fonts/
