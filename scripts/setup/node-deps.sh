#!/usr/bin/env bash
# npm ci (which also builds dist/ through the prepare script) when the lock file changed; else a rebuild.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
stamp=node_modules/.mha-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && "$(cat $stamp)" == "$hash" ]]; then
  echo "node_modules up to date"
  # The sources may have changed since the last build (a pull); bundling takes seconds.
  npm run --silent build
else
  npm ci --no-audit --no-fund
  echo "$hash" > $stamp
fi
