#!/usr/bin/env bash
# Installs and starts what the main job and the tests need, on a fresh Debian 12 machine as root.
# Idempotent: each step checks before it acts. Each piece lives in its own script here.
#   all.sh                 every step
#   all.sh node-deps docker  only these steps, in this order
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(node-deps system-packages docker moto vscode)
for step in "${steps[@]}"; do
  if [[ -f "$HERE/$step.sh" ]]; then
    start=$(date +%s)
    echo "== setup: $step"
    bash "$HERE/$step.sh"
    echo "== setup: $step done in $(( $(date +%s) - start )) s"
  else
    echo "== setup: no step '$step'" >&2
    exit 2
  fi
done
