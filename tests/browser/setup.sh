#!/usr/bin/env bash
# Installs playwright-core (the driver only; the browser is Debian's chromium) from package-lock.json.
# Idempotent: does nothing when it is already installed.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/playwright-core/package.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
