#!/usr/bin/env bash
# Installs what is missing, builds native and WASM, and runs every test: doctest unit tests
# (core and headless UI), then the browser end-to-end tests in headless Chromium against the
# real server on 127.0.0.1. Screenshots land in build/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

echo "== unit tests (doctest)"
build/native/fc_unit_tests

echo "== browser tests (node --test, headless Chromium)"
node --test --test-concurrency=1 tests/browser/
