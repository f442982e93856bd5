#!/usr/bin/env bash
# npm ci (which also builds dist/ through the prepare script), only when the lock file changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
stamp=node_modules/.mha-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && "$(cat $stamp)" == "$hash" && -f dist/cli.js ]]; then
  echo "node_modules up to date"
else
  npm ci --no-audit --no-fund
  echo "$hash" > $stamp
fi
