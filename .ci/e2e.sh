#!/usr/bin/env bash
# Browser end-to-end tests: installs Debian's Chromium when it is missing (CI runs as root), then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

npm run test:e2e -- "$@"
