#!/usr/bin/env bash
# Nothing to stop: the node is already out of the load balancer's rotation when this runs.
set -euo pipefail
echo "application-stop: ${MOODLE_CODE_DIR:?}"
