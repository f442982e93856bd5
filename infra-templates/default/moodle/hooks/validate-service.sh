#!/usr/bin/env bash
# CodeDeploy ValidateService: this node must serve Moodle before it takes traffic again. It asks
# its own web server for the login page as the load balancer's users do: with the wwwroot's Host
# (Moodle redirects any other host) and, behind TLS offload, X-Forwarded-Proto: https. What it
# expects depends on the site's state that after-install found (MOODLE_STATE_DIR/site-state):
#   ready          200 with Moodle's login form
#   maintenance    503 from Moodle (waiting for 'moodle-ha site upgrade')
#   not-installed  any answer from Moodle's PHP (waiting for 'moodle-ha site install')
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

state="$(cat "$MOODLE_STATE_DIR/site-state" 2>/dev/null || echo ready)"
headers=(-H "Host: $(wwwroot_host)")
if is_on "${MOODLE_SSLPROXY:-0}"; then headers+=(-H "X-Forwarded-Proto: https"); fi
attempts="${MOODLE_HEALTH_ATTEMPTS:-30}"
wait_seconds="${MOODLE_HEALTH_WAIT:-5}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
problem=""
for ((attempt = 1; attempt <= attempts; attempt++)); do
  answer="$(curl -s -o "$body" -w '%{http_code} %{redirect_url}' --max-time 10 "${headers[@]}" "$MOODLE_HEALTH_URL" || true)"
  status="${answer%% *}"
  location="${answer#* }"
  case "$state:$status" in
    ready:200)
      if grep -q 'id="login"' "$body" && grep -q 'name="username"' "$body"; then
        log "healthy: $MOODLE_HEALTH_URL (Host: $(wwwroot_host)) answered 200 with the login form (attempt $attempt)"
        exit 0
      fi
      problem="answered 200 without Moodle's login form" ;;
    ready:30[0-9])
      problem="redirected to $location (Moodle sends a request whose host or scheme is not the wwwroot's, $MOODLE_WWWROOT, there)" ;;
    maintenance:503)
      log "in maintenance: Moodle answered 503 as expected until 'moodle-ha site upgrade' runs (attempt $attempt)"
      exit 0 ;;
    not-installed:[23]0[0-9])
      log "Moodle answered $status; the database is not installed yet: run 'moodle-ha site install' (attempt $attempt)"
      exit 0 ;;
    *)
      problem="answered ${status:-nothing}" ;;
  esac
  log "not healthy yet: $MOODLE_HEALTH_URL $problem (state $state, attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
echo "moodle-ha: $MOODLE_HEALTH_URL (Host: $(wwwroot_host)) $problem after $attempts attempts (site state: $state)" >&2
exit 1
