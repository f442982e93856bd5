#!/usr/bin/env bash
# Installs and starts everything the main job and the tests need, on a fresh Debian 12 machine as
# root. Idempotent: each step checks before it acts. Each piece lives in its own script here.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for step in node-deps system-packages docker moto vscode; do
  if [[ -f "$HERE/$step.sh" ]]; then
    start=$(date +%s)
    echo "== setup: $step"
    bash "$HERE/$step.sh"
    echo "== setup: $step done in $(( $(date +%s) - start )) s"
  fi
done
