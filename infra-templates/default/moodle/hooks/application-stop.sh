#!/usr/bin/env bash
# CodeDeploy ApplicationStop (runs from the previous revision). The load balancer has already
# taken this node out of service; stop its cron so no task runs against half-replaced code.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ -f "$MOODLE_CRON_FILE" ]]; then
  rm -f "$MOODLE_CRON_FILE"
  log "cron stopped on this node ($MOODLE_CRON_FILE removed)"
else
  log "no cron file at $MOODLE_CRON_FILE; nothing to stop"
fi
