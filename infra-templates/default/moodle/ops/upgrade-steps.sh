#!/usr/bin/env bash
# The steps of upgrade.sh that touch Moodle, run as the web user holding the deploy lock.
#   upgrade   maintenance on, upgrade, purge caches, MUC store, maintenance off
#   finish    purge caches, MUC store, maintenance off (an earlier run stopped after its upgrade)
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/site-lib.sh"

case "${1:-}" in
  upgrade)
    maintenance_on
    log "maintenance on; running upgrade.php"
    if ! moodle_cli upgrade.php --non-interactive >&2; then
      echo "moodle-ha: the upgrade failed; the site stays in maintenance. Fix the cause and run 'moodle-ha site upgrade' again (Moodle continues where it stopped), or restore the pre-upgrade snapshot and deploy the old code." >&2
      exit 1
    fi ;;
  finish) ;;
  *) echo "usage: upgrade-steps.sh upgrade|finish" >&2; exit 2 ;;
esac
log "purging caches (every node has the new code)"
moodle_cli purge_caches.php >&2
configure_muc
clear_awaiting
maintenance_off
log "maintenance off: the site is open"
