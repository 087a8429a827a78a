#!/usr/bin/env bash
# Browser tests of the partner console (/console/): Playwright (npm playwright-core) drives
# Debian's chromium headless against the real server on SQLite with the demo data.
# Installs what it needs: chromium (apt) if missing, the npm packages into ./node_modules (npm ci).
# Screenshots go to target/console-screenshots/ (not committed).
# Usage: bash tests/browser/run.sh [--test-name-pattern=PATTERN]
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
# A CJK font, so the zh-CN screenshots show text rather than empty boxes.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error >/dev/null
export BSS_BIN="${BSS_BIN:-$PWD/../../target/debug/partner-bss}"
if [ ! -x "$BSS_BIN" ]; then
  (cd ../.. && cargo build -q -p server)
fi
exec node --test --test-concurrency=1 --test-reporter=spec "$@" console.test.mjs
