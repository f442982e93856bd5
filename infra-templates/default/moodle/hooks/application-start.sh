#!/usr/bin/env bash
# CodeDeploy ApplicationStart: restart PHP (opcache holds the old code) and the web server.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

log "restarting: $MOODLE_RESTART_CMD"
bash -c "$MOODLE_RESTART_CMD"
