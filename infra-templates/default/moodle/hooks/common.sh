#!/usr/bin/env bash
# Shared settings of the Moodle deployment hooks, sourced by each of them. Every setting is an
# environment variable with a default, so the same scripts run under CodeDeploy on EC2 and in the
# local Docker replica's rolling deploy.
#
#   MOODLE_CONFIG_SOURCE  where config.php values come from:
#                           env         the environment only (the replica)
#                           file:PATH   KEY=VALUE lines in PATH, then the environment
#                           aws         /etc/moodle-ha/moodle.env (written at boot) plus the database
#                                       password from Secrets Manager, read once per deploy
#                         default: aws when /etc/moodle-ha/moodle.env exists, else env
#   MOODLE_CODE_DIR       /var/www/moodle     local code (never on shared storage)
#   MOODLE_DATA_DIR       /mnt/moodledata     shared moodledata (EFS, NFS or GlusterFS)
#   MOODLE_PHP            php
#   MOODLE_WEB_USER       apache
#   MOODLE_HEALTH_URL     http://127.0.0.1/login/index.php   this node's own health URL
#   MOODLE_RESTART_CMD    restarts PHP and the web server
#                         (default: systemctl restart php-fpm, plus nginx or httpd)
#   MOODLE_OPS_DIR        /opt/moodle-ha/ops  the operation scripts (install.sh, upgrade.sh), root-owned
#                                             on local disk; after-install.sh installs them there
#   MOODLE_STATE_DIR      /var/lib/moodle-ha  this node's own state (root-owned, local disk, never shared)
# Less often needed: MOODLE_LOCAL_CACHE_DIR (/var/cache/moodle), MOODLE_LOCK_TIMEOUT (3600 s),
# MOODLE_CRON_FILE (/etc/cron.d/moodle), MOODLE_CLEAN_CODE_DIR (1), MOODLE_PHP_INI_DIR (/etc/php.d),
# MOODLE_CRON_WAIT (600 s), MOODLE_AWS (aws).
#
# Shared moodledata belongs to the web user, and anything running as the web user can plant
# symbolic links in it. So these scripts never act as root on a path in moodledata: they create,
# lock, read and write there only as the web user (as_web_user), and root state stays local.

# Values already in the environment win over the file.
moodle_ha_load_source() {
  local chosen="${MOODLE_CONFIG_SOURCE:-}"
  if [[ -z "$chosen" ]]; then
    if [[ -f /etc/moodle-ha/moodle.env ]]; then chosen="aws"; else chosen="env"; fi
  fi
  local file=""
  case "$chosen" in
    env) ;;
    aws) file=/etc/moodle-ha/moodle.env ;;
    file:*) file="${chosen#file:}" ;;
    *) echo "moodle-ha: unknown MOODLE_CONFIG_SOURCE '$chosen' (use env, aws or file:PATH)" >&2; return 1 ;;
  esac
  if [[ -n "$file" ]]; then
    if [[ ! -r "$file" ]]; then
      echo "moodle-ha: cannot read $file (MOODLE_CONFIG_SOURCE=$chosen)" >&2
      return 1
    fi
    local line key value
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ "$line" =~ ^[A-Z_][A-Z0-9_]*= ]] || continue
      key="${line%%=*}"
      value="${line#*=}"
      if [[ ${#value} -ge 2 && "${value:0:1}" == "'" && "${value: -1}" == "'" ]]; then
        value="${value:1:${#value}-2}"
      fi
      if [[ -z "${!key+x}" ]]; then
        export "$key=$value"
      fi
    done < "$file"
  fi
  MOODLE_CONFIG_SOURCE="$chosen"
  export MOODLE_CONFIG_SOURCE
}
moodle_ha_load_source

MOODLE_CODE_DIR="${MOODLE_CODE_DIR:-/var/www/moodle}"
MOODLE_DATA_DIR="${MOODLE_DATA_DIR:-/mnt/moodledata}"
MOODLE_PHP="${MOODLE_PHP:-php}"
MOODLE_WEB_USER="${MOODLE_WEB_USER:-apache}"
MOODLE_HEALTH_URL="${MOODLE_HEALTH_URL:-http://127.0.0.1/login/index.php}"
if [[ -z "${MOODLE_RESTART_CMD:-}" ]]; then
  if [[ -d /etc/nginx/conf.d && ! -d /etc/httpd/conf.d ]]; then
    MOODLE_RESTART_CMD="systemctl restart php-fpm nginx"
  else
    MOODLE_RESTART_CMD="systemctl restart php-fpm httpd"
  fi
fi
MOODLE_LOCAL_CACHE_DIR="${MOODLE_LOCAL_CACHE_DIR:-/var/cache/moodle}"
MOODLE_LOCK_TIMEOUT="${MOODLE_LOCK_TIMEOUT:-3600}"
MOODLE_CRON_FILE="${MOODLE_CRON_FILE:-/etc/cron.d/moodle}"
MOODLE_PHP_INI_DIR="${MOODLE_PHP_INI_DIR:-/etc/php.d}"
MOODLE_OPS_DIR="${MOODLE_OPS_DIR:-/opt/moodle-ha/ops}"
MOODLE_STATE_DIR="${MOODLE_STATE_DIR:-/var/lib/moodle-ha}"
MOODLE_AWS="${MOODLE_AWS:-aws}"
export MOODLE_CODE_DIR MOODLE_DATA_DIR MOODLE_PHP MOODLE_WEB_USER MOODLE_HEALTH_URL MOODLE_RESTART_CMD MOODLE_LOCAL_CACHE_DIR
export MOODLE_LOCK_TIMEOUT MOODLE_OPS_DIR MOODLE_STATE_DIR MOODLE_AWS

# This revision's bundle: config.php.template, render-config.php, php/, cron/.
MOODLE_BUNDLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MOODLE_BUNDLE_DIR

log() { printf '[moodle-ha %s] %s\n' "$(basename "$0" .sh)" "$*"; }

# Moodle 5.1+ serves from public/ and keeps its CLI scripts under public/admin/cli.
moodle_cli_dir() {
  if [[ -d "$MOODLE_CODE_DIR/public/admin/cli" ]]; then
    echo "$MOODLE_CODE_DIR/public/admin/cli"
  else
    echo "$MOODLE_CODE_DIR/admin/cli"
  fi
}

# Runs a command as the web user. As root, through runuser; a missing web user is an error, never
# a reason to run as root.
as_web_user() {
  if [[ "$(id -u)" != 0 || "$MOODLE_WEB_USER" == root ]]; then
    "$@"
  elif id "$MOODLE_WEB_USER" >/dev/null 2>&1; then
    # The environment (moodle.env already loaded) carries over; the web user cannot read moodle.env.
    runuser -u "$MOODLE_WEB_USER" -- env MOODLE_CONFIG_SOURCE=env "$@"
  else
    echo "moodle-ha: the web user '$MOODLE_WEB_USER' does not exist (set MOODLE_WEB_USER)" >&2
    return 1
  fi
}

# Runs a Moodle CLI script as the web user, so files it creates in moodledata stay writable.
moodle_cli() {
  local script="$1"
  shift
  as_web_user "$MOODLE_PHP" "$(moodle_cli_dir)/$script" "$@"
}

# Runs a command holding the deploy lock: a file on shared moodledata, so one node at a time across
# the fleet, opened and locked by the web user (never by root: it could be a planted link).
# Exit 75 when the lock was not free within MOODLE_LOCK_TIMEOUT.
with_deploy_lock() {
  local lock="$MOODLE_DATA_DIR/.moodle-ha-deploy.lock"
  # Hooks of earlier releases took this lock as root, leaving a root-owned 0640 file the web user
  # cannot open ("Permission denied"). Root hands a plain file over; -h so that a link swapped in
  # meanwhile is changed itself, never what it points at. A link is left alone (flock as the web
  # user cannot harm its target).
  if [[ "$(id -u)" == 0 && "$MOODLE_WEB_USER" != root && -f "$lock" && ! -L "$lock" && "$(stat -c %U "$lock")" != "$MOODLE_WEB_USER" ]]; then
    chown -h "$MOODLE_WEB_USER" "$lock" || echo "moodle-ha: could not hand $lock to $MOODLE_WEB_USER (root squashed on NFS?); remove it if a deploy says Permission denied" >&2
  fi
  as_web_user flock -E 75 -w "$MOODLE_LOCK_TIMEOUT" "$lock" "$@"
}

# The AWS CLI, in the stack's region when moodle.env names it.
aws_cli() {
  if [[ -n "${MOODLE_AWS_REGION:-}" ]]; then
    "$MOODLE_AWS" --region "$MOODLE_AWS_REGION" "$@"
  else
    "$MOODLE_AWS" "$@"
  fi
}

# "true" when a setting is on (1/true/yes/on), as render-config.php reads it.
is_on() {
  case "${1,,}" in 1 | true | yes | on) return 0 ;; *) return 1 ;; esac
}

# The wwwroot's host[:port], lower-cased, and its path (empty or /something).
wwwroot_host() {
  local rest="${MOODLE_WWWROOT#*://}"
  rest="${rest%%/*}"
  echo "${rest,,}"
}
wwwroot_path() {
  local rest="${MOODLE_WWWROOT#*://}"
  if [[ "$rest" == */* ]]; then echo "/${rest#*/}"; fi
}
