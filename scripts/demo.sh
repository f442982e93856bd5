#!/usr/bin/env bash
# The main job, on a fresh machine: set up, scaffold an HA Moodle project, lint it (it must be
# clean), bring up the local replica from its template, run the kill-web failover drill, print the
# report and where its chart is, and take the replica down again (also when a step fails).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
bash scripts/setup/all.sh node-deps system-packages docker

mha() { node "$ROOT/bin/moodle-ha.js" "$@"; }
WORK="${MHA_DEMO_DIR:-$(mktemp -d /tmp/moodle-ha-demo.XXXXXX)}"
REPORTS="$ROOT/reports/demo-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$REPORTS"
cleanup() { echo; echo "== 5. taking the replica down"; mha sim down --project moodle-ha-demo || true; }
trap cleanup EXIT

echo; echo "== 1. scaffold an HA Moodle project into $WORK"
mha scaffold --out "$WORK" --yes

echo; echo "== 2. lint it (AWS's validator + the Moodle HA rules)"
mha lint "$WORK/infra"

echo; echo "== 3. bring up the local replica from $WORK/infra/moodle-ha.yaml"
mha sim up --project moodle-ha-demo --template "$WORK/infra/moodle-ha.yaml"

echo; echo "== 4. kill-web failover drill"
mha sim drill kill-web --project moodle-ha-demo --out "$REPORTS"
