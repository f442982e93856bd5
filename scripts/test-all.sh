#!/usr/bin/env bash
# The README's test command: set up a fresh machine, then run every test (npm test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup/all.sh
npm test
