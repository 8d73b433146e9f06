#!/usr/bin/env bash
# Installs everything Forecourt needs on a fresh Debian bookworm machine (as root), and does
# nothing on a machine that already has it. Called by run.sh, test.sh and bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

IMGUI_VERSION=1.90.1
IMGUI_TARBALL=imgui_${IMGUI_VERSION}+ds.orig.tar.xz
IMGUI_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c

PACKAGES=(
  build-essential cmake pkg-config emscripten
  nlohmann-json3-dev doctest-dev libcpp-httplib-dev libsqlite3-dev zlib1g-dev
  libsodium-dev libpq-dev postgresql libssl-dev libbrotli-dev libpugixml-dev
  chromium fonts-dejavu-core fonts-noto-core wrk sqlite3
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine image brings its own Node.js (and npm); fall back to Debian's only without one.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui source: only the source tarball of Debian trixie's package, checksum-verified,
# into the git-ignored third_party/. The bookworm system itself is untouched.
if [[ ! -f third_party/imgui-${IMGUI_VERSION}/imgui.cpp ]]; then
  mkdir -p third_party
  if [[ ! -f third_party/${IMGUI_TARBALL} ]]; then
    src=/etc/apt/sources.list.d/forecourt-trixie-src.sources
    if ! grep -rqs "Suites: trixie" /etc/apt/sources.list.d/ ||
       ! grep -rqs "Types: deb-src" /etc/apt/sources.list.d/; then
      cat > "$src" <<'X'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
    fi
    apt-get update -q
    (cd third_party && apt-get source --download-only "imgui=${IMGUI_VERSION}+ds-1")
  fi
  echo "${IMGUI_SHA256}  third_party/${IMGUI_TARBALL}" | sha256sum -c --quiet
  tar -C third_party -xf "third_party/${IMGUI_TARBALL}"
fi

# Browser-test driver, pinned by the committed package-lock.json. Never downloads a browser:
# tests drive Debian's /usr/bin/chromium.
if [[ ! -d node_modules/playwright-core ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
