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
# Less often needed: MOODLE_LOCAL_CACHE_DIR (/var/cache/moodle), MOODLE_LOCK_TIMEOUT (3600 s),
# MOODLE_CRON_FILE (/etc/cron.d/moodle), MOODLE_CLEAN_CODE_DIR (1), MOODLE_PHP_INI_DIR (/etc/php.d).

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
export MOODLE_CODE_DIR MOODLE_DATA_DIR MOODLE_PHP MOODLE_WEB_USER MOODLE_HEALTH_URL MOODLE_RESTART_CMD MOODLE_LOCAL_CACHE_DIR

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

# Runs a Moodle CLI script as the web user, so files it creates in moodledata stay writable.
moodle_cli() {
  local script="$1"
  shift
  local cli
  cli="$(moodle_cli_dir)"
  if [[ "$(id -u)" == 0 && "$MOODLE_WEB_USER" != root ]] && id "$MOODLE_WEB_USER" >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; then
    runuser -u "$MOODLE_WEB_USER" -- "$MOODLE_PHP" "$cli/$script" "$@"
  else
    "$MOODLE_PHP" "$cli/$script" "$@"
  fi
}
