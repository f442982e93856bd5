#!/usr/bin/env bash
# CodeDeploy ApplicationStop (runs from the previous revision). The load balancer has already
# taken this node out of service; stop its cron, and wait for a cron.php that is still running,
# so no task runs against half-replaced code (BeforeInstall deletes the code next).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ -f "$MOODLE_CRON_FILE" ]]; then
  rm -f "$MOODLE_CRON_FILE"
  log "cron stopped on this node ($MOODLE_CRON_FILE removed)"
else
  log "no cron file at $MOODLE_CRON_FILE; nothing to stop"
fi

cron_script="$(moodle_cli_dir)/cron.php"
# True while a process runs this code's cron.php (read from /proc: no procps needed; mapfile is a
# builtin, so a busy machine with many processes is scanned without a subprocess each).
cron_running() {
  local cmdline args
  for cmdline in /proc/[0-9]*/cmdline; do
    mapfile -d '' args 2>/dev/null < "$cmdline" || continue
    if [[ "${args[*]}" == *"$cron_script"* ]]; then return 0; fi
  done
  return 1
}
wait_limit="${MOODLE_CRON_WAIT:-600}"
started=$SECONDS
told=""
while cron_running; do
  if (( SECONDS - started >= wait_limit )); then
    echo "moodle-ha: cron.php is still running after ${wait_limit} s; stopping the deployment rather than replacing its code (raise MOODLE_CRON_WAIT, or end the task)" >&2
    exit 1
  fi
  # Say so at once, then every 30 s (a scan can take over a second, so never "when elapsed % 30 is 0").
  if [[ -z $told ]] || (( SECONDS - told >= 30 )); then
    log "waiting for the running cron.php to finish ($cron_script)"
    told=$SECONDS
  fi
  sleep 1
done
log "no cron.php running"
