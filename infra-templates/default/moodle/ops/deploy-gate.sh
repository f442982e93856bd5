#!/usr/bin/env bash
# The deploy's site check, run by hooks/after-install.sh as the web user while it holds the
# fleet-wide deploy lock. Prints the site's state on stdout (ready | maintenance | not-installed);
# everything else goes to stderr. It never installs and never upgrades the database.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/site-lib.sh"
exec 3>&1 1>&2

read_site_state
case "$SITE" in
  not-installed)
    log "Moodle is not installed in this database yet: when this deployment has finished, run 'moodle-ha site install --stack <stack>'"
    echo not-installed >&3
    exit 0 ;;
  partial)
    log "a first install did not finish ($SITE_WHY): run 'moodle-ha site install --stack <stack> --reset-partial'"
    echo not-installed >&3
    exit 0 ;;
esac

upgrade_check
case "$UPGRADE" in
  none)
    if [[ -n "$(awaiting_version)" ]]; then
      log "maintenance stays on: release $(awaiting_version) was deployed and waits for 'moodle-ha site upgrade' (which also ends maintenance when nothing is pending)"
      echo maintenance >&3
    elif maintenance_is_on; then
      log "the site is in maintenance mode (set by an administrator); leaving it on"
      echo maintenance >&3
    else
      configure_muc
      log "no upgrade pending (database and code at version $SITE_DB)"
      echo ready >&3
    fi ;;
  pending)
    maintenance_on
    mark_awaiting "$SITE_CODE"
    log "this code (version $SITE_CODE) is newer than the database (version $SITE_DB): maintenance is on for every node"
    log "when the deployment has finished on every node, run 'moodle-ha site upgrade --stack <stack>' (snapshot, upgrade, purge caches, maintenance off)"
    echo maintenance >&3 ;;
  downgrade)
    downgrade_stop
    exit 3 ;;
  *)
    echo "moodle-ha: the upgrade check failed: $UPGRADE_OUTPUT" >&2
    exit 1 ;;
esac
