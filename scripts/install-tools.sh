#!/usr/bin/env bash
# Installs what the run and test commands need into the repository's ignored tools/ folder:
# Azurite (pinned) from npm. Idempotent: a second run does nothing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
azurite_version="3.37.0"
azurite_dir="$repo/tools/azurite"

if [ ! -x "$azurite_dir/node_modules/.bin/azurite" ] || ! grep -q "\"version\": \"$azurite_version\"" "$azurite_dir/node_modules/azurite/package.json" 2>/dev/null; then
  command -v npm >/dev/null || { echo "npm is required to install Azurite (install Node.js 20+)." >&2; exit 1; }
  echo "Installing Azurite $azurite_version into tools/azurite (about a minute, once)..."
  mkdir -p "$azurite_dir"
  npm install --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error "azurite@$azurite_version" >/dev/null
fi

# A real browser for the sample-form test (Debian's chromium; Playwright never downloads its own here).
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing chromium with apt-get (once)..."
    # A fresh container has no package lists yet: read them first when chromium has no install candidate.
    apt-cache policy chromium 2>/dev/null | grep -q "Candidate: [0-9]" || apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "chromium is missing: install Debian's chromium package (as root: apt-get install -y chromium) for the browser test." >&2
  fi
fi
