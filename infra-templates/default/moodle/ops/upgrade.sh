#!/usr/bin/env bash
# Upgrade Moodle's database to the code now on every web server: 'moodle-ha site upgrade --stack
# NAME' runs this on one of them (the stack's upgrade SSM document) once the deployment of the new
# release has finished on the last node (until then after-install.sh keeps the whole fleet in
# maintenance). Steps: database snapshot, maintenance on, upgrade, purge caches, maintenance off.
# Safe to run twice: with nothing pending it only finishes an earlier run (purge, maintenance off).
# Code older than the database is a clear stop: nothing is changed.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/site-lib.sh"

if [[ $# -gt 0 ]]; then echo "usage: upgrade.sh" >&2; exit 2; fi

read_site_state
if [[ "$SITE" != installed ]]; then
  echo "moodle-ha: Moodle is not installed (state: $SITE $SITE_WHY): run 'moodle-ha site install' first" >&2
  exit 1
fi
upgrade_check
case "$UPGRADE" in
  downgrade) downgrade_stop; exit 3 ;;
  failed) echo "moodle-ha: the upgrade check failed: $UPGRADE_OUTPUT" >&2; exit 1 ;;
  none)
    if [[ -z "$(awaiting_version)" ]]; then
      log "no upgrade pending (database and code at version $SITE_DB); nothing to do"
      exit 0
    fi
    log "no upgrade pending, but an earlier run did not finish: purging caches and ending maintenance"
    with_deploy_lock bash "$OPS_HERE/upgrade-steps.sh" finish
    exit 0 ;;
esac

# A snapshot before anything changes: the only way back from an upgrade.
snapshot="$(printf '%s-pre-upgrade-%s-to-%s' "${MOODLE_STACK_NAME:-moodle}" "$SITE_DB" "$SITE_CODE" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9\n' '-' | tr -s '-')"
if [[ -n "${MOODLE_DB_CLUSTER_ID:-}" ]]; then
  if ! aws_cli rds describe-db-cluster-snapshots --db-cluster-snapshot-identifier "$snapshot" >/dev/null 2>&1; then
    log "snapshot $snapshot of cluster $MOODLE_DB_CLUSTER_ID"
    aws_cli rds create-db-cluster-snapshot --db-cluster-identifier "$MOODLE_DB_CLUSTER_ID" --db-cluster-snapshot-identifier "$snapshot" >/dev/null
  fi
  aws_cli rds wait db-cluster-snapshot-available --db-cluster-snapshot-identifier "$snapshot"
  log "snapshot $snapshot is available"
elif [[ -n "${MOODLE_DB_INSTANCE_ID:-}" ]]; then
  if ! aws_cli rds describe-db-snapshots --db-snapshot-identifier "$snapshot" >/dev/null 2>&1; then
    log "snapshot $snapshot of instance $MOODLE_DB_INSTANCE_ID"
    aws_cli rds create-db-snapshot --db-instance-identifier "$MOODLE_DB_INSTANCE_ID" --db-snapshot-identifier "$snapshot" >/dev/null
  fi
  aws_cli rds wait db-snapshot-available --db-snapshot-identifier "$snapshot"
  log "snapshot $snapshot is available"
elif [[ "${MOODLE_DB_SNAPSHOT:-}" == none ]]; then
  log "no database snapshot (MOODLE_DB_SNAPSHOT=none)"
else
  echo "moodle-ha: neither MOODLE_DB_CLUSTER_ID nor MOODLE_DB_INSTANCE_ID is set, so no snapshot can be taken; set MOODLE_DB_SNAPSHOT=none to upgrade without one" >&2
  exit 1
fi
log "upgrading from $SITE_DB to $SITE_CODE"
with_deploy_lock bash "$OPS_HERE/upgrade-steps.sh" upgrade
