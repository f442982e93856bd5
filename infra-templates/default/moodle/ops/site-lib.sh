#!/usr/bin/env bash
# Helpers of the site operations, sourced after common.sh. Everything in shared moodledata is
# read and written as the web user (as_web_user); root never follows a path there.
# shellcheck disable=SC2034  # the variables set here are read by the scripts that source this file

OPS_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AWAITING_FILE="$MOODLE_DATA_DIR/.moodle-ha/awaiting-upgrade"

# Sets SITE (not-installed | partial | installed), SITE_DB and SITE_CODE (versions), SITE_WHY.
read_site_state() {
  local line
  line="$(as_web_user "$MOODLE_PHP" "$OPS_HERE/site-state.php" "$MOODLE_CODE_DIR")" || {
    # Moodle prints its own error on stdout, which was captured: show it.
    [[ -n "$line" ]] && echo "$line" >&2
    echo "moodle-ha: cannot read the site's state from the database (Moodle's message above)" >&2
    return 1
  }
  SITE="${line%% *}"
  SITE_DB=""
  SITE_CODE=""
  SITE_WHY=""
  case "$SITE" in
    installed) read -r _ SITE_DB SITE_CODE <<<"$line" ;;
    partial) SITE_WHY="${line#partial }" ;;
    not-installed) ;;
    *) echo "moodle-ha: unexpected site state '$line'" >&2; return 1 ;;
  esac
}

# Sets UPGRADE (none | pending | downgrade | failed) and UPGRADE_OUTPUT (Moodle's words), from
# upgrade.php --is-pending: 0 nothing to do, 2 pending, 1 an error (a downgrade among others).
upgrade_check() {
  local code
  set +e
  UPGRADE_OUTPUT="$(moodle_cli upgrade.php --is-pending 2>&1)"
  code=$?
  set -e
  case $code in
    0) UPGRADE=none ;;
    2) UPGRADE=pending ;;
    *)
      # shellcheck disable=SC2016  # PHP code, not shell
      if [[ -n "$SITE_DB" ]] && "$MOODLE_PHP" -r 'exit((float) $argv[1] < (float) $argv[2] ? 0 : 1);' "$SITE_CODE" "$SITE_DB"; then
        UPGRADE=downgrade
      else
        UPGRADE=failed
      fi ;;
  esac
}

# Code older than the database: a clear stop. Nothing is changed, nothing is installed or rolled back.
downgrade_stop() {
  cat >&2 <<EOF
moodle-ha: STOP: the code on this node (version $SITE_CODE) is older than the database (version $SITE_DB).
Moodle cannot downgrade (upgrade.php: "$(tail -n 1 <<<"$UPGRADE_OUTPUT")").
Nothing was changed. Deploy a release at least as new as the database; to go back to the old
release, restore the database snapshot taken before the upgrade (named *-pre-upgrade-*) and then
deploy the old code. Do not retry this deployment or roll back to older code.
EOF
}

maintenance_is_on() { as_web_user test -e "$MOODLE_DATA_DIR/climaintenance.html"; }
maintenance_on() { if ! maintenance_is_on; then moodle_cli maintenance.php --enable >&2; fi; }
maintenance_off() { moodle_cli maintenance.php --disable >&2; }
awaiting_version() { as_web_user cat "$AWAITING_FILE" 2>/dev/null || true; }
# shellcheck disable=SC2016  # expanded by the inner shell
mark_awaiting() { as_web_user bash -c 'printf "%s\n" "$1" > "$2"' _ "$1" "$AWAITING_FILE"; }
clear_awaiting() { as_web_user rm -f "$AWAITING_FILE"; }
configure_muc() { as_web_user "$MOODLE_PHP" "$OPS_HERE/configure-muc.php" "$MOODLE_CODE_DIR" >&2; }
