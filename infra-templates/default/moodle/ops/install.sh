#!/usr/bin/env bash
# First install of Moodle's database: 'moodle-ha site install --stack NAME' runs this on one web
# server (the stack's install SSM document), after the first deployment put the code there.
# The admin password comes from Secrets Manager (MOODLE_ADMIN_SECRET_ARN) through a pipe into
# PHP's stdin: never on a command line, in the environment or on disk.
# Safe to run again: an installed site is left alone. A half-finished install (tables, but no
# finished site) is detected and explained; --reset-partial drops its tables so this run starts
# clean (never those of a finished site). Moodle's own database user must exist already.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/site-lib.sh"

reset=0
for arg in "$@"; do
  case "$arg" in
    --reset-partial) reset=1 ;;
    *) echo "usage: install.sh [--reset-partial]" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$MOODLE_CODE_DIR/config.php" ]]; then
  echo "moodle-ha: no $MOODLE_CODE_DIR/config.php on this node: publish the code and let the deployment finish first" >&2
  exit 1
fi
if [[ -z "${MOODLE_ADMIN_SECRET_ARN:-}" ]]; then
  echo "moodle-ha: MOODLE_ADMIN_SECRET_ARN is not set (/etc/moodle-ha/moodle.env): the admin password's secret is unknown" >&2
  exit 1
fi

read_site_state
case "$SITE" in
  installed)
    log "Moodle is already installed (database version $SITE_DB); nothing to do"
    exit 0 ;;
  partial)
    if [[ $reset -eq 0 ]]; then
      cat >&2 <<EOF
moodle-ha: a first install did not finish: $SITE_WHY.
Moodle cannot resume an interrupted install. Run 'moodle-ha site install --stack <stack> --reset-partial'
to drop the unfinished site's tables (only an unfinished site's) and install again.
EOF
      exit 4
    fi
    log "dropping the tables of the unfinished install ($SITE_WHY)"
    with_deploy_lock "$MOODLE_PHP" "$OPS_HERE/site-state.php" "$MOODLE_CODE_DIR" --drop-partial >&2 ;;
esac

log "installing Moodle's database (admin password from $MOODLE_ADMIN_SECRET_ARN)"
aws_cli secretsmanager get-secret-value --secret-id "$MOODLE_ADMIN_SECRET_ARN" --query SecretString --output text \
  | with_deploy_lock "$MOODLE_PHP" "$OPS_HERE/install-site.php" "$MOODLE_CODE_DIR"
configure_muc
mkdir -p "$MOODLE_STATE_DIR"
echo ready > "$MOODLE_STATE_DIR/site-state"
log "installed: sign in at $MOODLE_WWWROOT as ${MOODLE_ADMIN_USER:-admin} with the password in $MOODLE_ADMIN_SECRET_ARN"
