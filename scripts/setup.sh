#!/usr/bin/env bash
# One-time setup of a fresh machine for coordlab: the Debian packages the tests
# use (Chromium for UI tests, chrony for NTP tests, etcd for the etcd lease store)
# and the npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chronyd >/dev/null 2>&1 || [ -x /usr/sbin/chronyd ] || need+=(chrony)
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "coordlab setup: installing Debian packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # Debian starts chronyd as a system service on install; the lab runs its own on loopback ports.
    if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now chrony >/dev/null 2>&1 || true; fi
  else
    echo "coordlab setup: please install ${need[*]} with your package manager (needed by the tests, not by the lab)" >&2
  fi
fi

# Electron's binary comes from outside the npm registry: skip it here; `npm start`
# fetches it on first use where that is possible.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
