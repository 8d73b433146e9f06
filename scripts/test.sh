#!/usr/bin/env bash
# Installs what is missing, builds native and WASM, and runs every test: doctest unit tests
# (core and headless UI), then the browser end-to-end tests in headless Chromium against the
# real server on 127.0.0.1, then the sync server's integration tests against SQLite and a
# throwaway loopback PostgreSQL (scripts/test_server.sh). Screenshots land in build/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

echo "== unit tests (doctest)"
build/native/fc_unit_tests
build/native/fc_server_tests

echo "== browser tests (node --test, headless Chromium)"
# A test that hangs fails after 5 minutes instead of holding the run until CI's own limit.
node --test --test-concurrency=1 --test-timeout=300000 tests/browser/

echo "== server integration tests (node --test, the real binary; SQLite, then PostgreSQL)"
scripts/test_server.sh both
