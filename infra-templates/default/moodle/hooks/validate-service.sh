#!/usr/bin/env bash
# CodeDeploy ValidateService: this node must answer its own health URL before it takes traffic
# again; a failure here fails the deployment, and CodeDeploy rolls back.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

attempts="${MOODLE_HEALTH_ATTEMPTS:-30}"
wait_seconds="${MOODLE_HEALTH_WAIT:-5}"
for ((attempt = 1; attempt <= attempts; attempt++)); do
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$MOODLE_HEALTH_URL" || true)"
  if [[ "$status" == 200 ]]; then
    log "healthy: $MOODLE_HEALTH_URL answered 200 (attempt $attempt)"
    exit 0
  fi
  log "not healthy yet: $MOODLE_HEALTH_URL answered ${status:-nothing} (attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
echo "moodle-ha: $MOODLE_HEALTH_URL did not answer 200 after $attempts attempts" >&2
exit 1
