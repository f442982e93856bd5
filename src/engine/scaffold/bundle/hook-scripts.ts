/**
 * moodle/hooks/: the CodeDeploy hooks. A contract shared with the local replica's rolling-deploy drill,
 * which runs these scripts unchanged: bash, `set -euo pipefail`, configured only by environment
 * variables with defaults (see common.sh). Kept as text here so the engine can write them anywhere.
 */

/** Sourced by every hook: settings, config source, helpers. */
export const COMMON_SH = `#!/usr/bin/env bash
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
  local chosen="\${MOODLE_CONFIG_SOURCE:-}"
  if [[ -z "$chosen" ]]; then
    if [[ -f /etc/moodle-ha/moodle.env ]]; then chosen="aws"; else chosen="env"; fi
  fi
  local file=""
  case "$chosen" in
    env) ;;
    aws) file=/etc/moodle-ha/moodle.env ;;
    file:*) file="\${chosen#file:}" ;;
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
      key="\${line%%=*}"
      value="\${line#*=}"
      if [[ \${#value} -ge 2 && "\${value:0:1}" == "'" && "\${value: -1}" == "'" ]]; then
        value="\${value:1:\${#value}-2}"
      fi
      if [[ -z "\${!key+x}" ]]; then
        export "$key=$value"
      fi
    done < "$file"
  fi
  MOODLE_CONFIG_SOURCE="$chosen"
  export MOODLE_CONFIG_SOURCE
}
moodle_ha_load_source

MOODLE_CODE_DIR="\${MOODLE_CODE_DIR:-/var/www/moodle}"
MOODLE_DATA_DIR="\${MOODLE_DATA_DIR:-/mnt/moodledata}"
MOODLE_PHP="\${MOODLE_PHP:-php}"
MOODLE_WEB_USER="\${MOODLE_WEB_USER:-apache}"
MOODLE_HEALTH_URL="\${MOODLE_HEALTH_URL:-http://127.0.0.1/login/index.php}"
if [[ -z "\${MOODLE_RESTART_CMD:-}" ]]; then
  if [[ -d /etc/nginx/conf.d && ! -d /etc/httpd/conf.d ]]; then
    MOODLE_RESTART_CMD="systemctl restart php-fpm nginx"
  else
    MOODLE_RESTART_CMD="systemctl restart php-fpm httpd"
  fi
fi
MOODLE_LOCAL_CACHE_DIR="\${MOODLE_LOCAL_CACHE_DIR:-/var/cache/moodle}"
MOODLE_LOCK_TIMEOUT="\${MOODLE_LOCK_TIMEOUT:-3600}"
MOODLE_CRON_FILE="\${MOODLE_CRON_FILE:-/etc/cron.d/moodle}"
MOODLE_PHP_INI_DIR="\${MOODLE_PHP_INI_DIR:-/etc/php.d}"
export MOODLE_CODE_DIR MOODLE_DATA_DIR MOODLE_PHP MOODLE_WEB_USER MOODLE_HEALTH_URL MOODLE_RESTART_CMD MOODLE_LOCAL_CACHE_DIR

# This revision's bundle: config.php.template, render-config.php, php/, cron/.
MOODLE_BUNDLE_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
export MOODLE_BUNDLE_DIR

log() { printf '[moodle-ha %s] %s\\n' "$(basename "$0" .sh)" "$*"; }

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
`;

/** ApplicationStop: stop this node's cron. */
export const APPLICATION_STOP_SH = `#!/usr/bin/env bash
# CodeDeploy ApplicationStop (runs from the previous revision). The load balancer has already
# taken this node out of service; stop its cron so no task runs against half-replaced code.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

if [[ -f "$MOODLE_CRON_FILE" ]]; then
  rm -f "$MOODLE_CRON_FILE"
  log "cron stopped on this node ($MOODLE_CRON_FILE removed)"
else
  log "no cron file at $MOODLE_CRON_FILE; nothing to stop"
fi
`;

/** BeforeInstall: empty the local code folder. */
export const BEFORE_INSTALL_SH = `#!/usr/bin/env bash
# CodeDeploy BeforeInstall: make room for the new code. Code lives on local disk, and old files
# must not linger (Moodle's upgrade notes: never copy a new release over an old one).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

case "$MOODLE_CODE_DIR" in
  "" | / | /var | /var/www | /usr | /etc | /home | /root)
    echo "moodle-ha: refusing to clean MOODLE_CODE_DIR='$MOODLE_CODE_DIR'" >&2
    exit 1 ;;
esac
case "$MOODLE_CODE_DIR/" in
  "$MOODLE_DATA_DIR"/*)
    echo "moodle-ha: MOODLE_CODE_DIR is inside MOODLE_DATA_DIR; code must be local to each node" >&2
    exit 1 ;;
esac

mkdir -p "$MOODLE_CODE_DIR" "$MOODLE_LOCAL_CACHE_DIR"
if [[ "\${MOODLE_CLEAN_CODE_DIR:-1}" == 1 ]]; then
  find "$MOODLE_CODE_DIR" -mindepth 1 -delete
  log "emptied $MOODLE_CODE_DIR for the new release"
fi
`;

/** AfterInstall: config.php, then the upgrade once on one node, then cron. */
export const AFTER_INSTALL_SH = `#!/usr/bin/env bash
# CodeDeploy AfterInstall: write config.php (values read now, at deploy time, never per request),
# then upgrade Moodle once, on one node: the first node to take the lock on shared storage does
# maintenance on → upgrade → purge caches → maintenance off; the others find nothing pending.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

if [[ ! -f "$MOODLE_CODE_DIR/version.php" && ! -f "$MOODLE_CODE_DIR/public/version.php" ]]; then
  echo "moodle-ha: no Moodle code in $MOODLE_CODE_DIR (version.php missing)" >&2
  exit 1
fi

# The database password: from the environment, or (aws) from Secrets Manager, once per deploy.
if [[ -z "\${MOODLE_DB_PASS:-}" && -n "\${MOODLE_DB_SECRET_ARN:-}" ]]; then
  secret="$(aws secretsmanager get-secret-value --region "\${MOODLE_AWS_REGION:-}" --secret-id "$MOODLE_DB_SECRET_ARN" --query SecretString --output text)"
  MOODLE_DB_USER="$(jq -r .username <<<"$secret")"
  MOODLE_DB_PASS="$(jq -r .password <<<"$secret")"
  export MOODLE_DB_USER MOODLE_DB_PASS
  unset secret
fi

# memcached has no cluster endpoint for PHP: list the nodes (ElastiCache names them .0001., .0002., …).
if [[ "\${MOODLE_SESSION_HANDLER:-}" == memcached && -z "\${MOODLE_MEMCACHED_SAVE_PATH:-}" ]]; then
  nodes=()
  for ((i = 1; i <= \${MOODLE_SESSION_NODE_COUNT:-1}; i++)); do
    nodes+=("\${MOODLE_SESSION_HOST/.cfg./.$(printf '%04d' "$i").}:\${MOODLE_SESSION_PORT:-11211}")
  done
  MOODLE_MEMCACHED_SAVE_PATH="$(IFS=,; echo "\${nodes[*]}")"
  export MOODLE_MEMCACHED_SAVE_PATH
fi

export MOODLE_DATA_DIR MOODLE_LOCAL_CACHE_DIR
config="$MOODLE_CODE_DIR/config.php"
umask 027
"$MOODLE_PHP" "$MOODLE_BUNDLE_DIR/render-config.php" "$MOODLE_BUNDLE_DIR/config.php.template" > "$config.new"
"$MOODLE_PHP" -l "$config.new" >/dev/null
mv "$config.new" "$config"
if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then
  chown "root:$(id -gn "$MOODLE_WEB_USER")" "$config" 2>/dev/null || true
fi
chmod 640 "$config"
log "wrote $config"

# Shared directories on moodledata, the local cache on this node.
for dir in "$MOODLE_DATA_DIR" "$MOODLE_DATA_DIR/cache" "$MOODLE_DATA_DIR/temp" "$MOODLE_DATA_DIR/backuptemp" "$MOODLE_LOCAL_CACHE_DIR"; do
  mkdir -p "$dir"
  if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then
    chown "$MOODLE_WEB_USER" "$dir" 2>/dev/null || true
  fi
done

# PHP settings Moodle needs (only where PHP reads a conf.d folder).
if [[ -d "$MOODLE_PHP_INI_DIR" && -w "$MOODLE_PHP_INI_DIR" ]]; then
  cp "$MOODLE_BUNDLE_DIR/php/moodle.ini" "$MOODLE_PHP_INI_DIR/90-moodle.ini"
fi

# Upgrade once, on one node. flock waits while another node upgrades; it then finds nothing pending.
exec 9>"$MOODLE_DATA_DIR/.moodle-ha-deploy.lock"
log "waiting for the deploy lock on shared storage"
flock -w "$MOODLE_LOCK_TIMEOUT" 9
set +e
moodle_cli upgrade.php --is-pending >/dev/null 2>&1
pending=$?
set -e
if [[ $pending -eq 2 ]]; then
  log "upgrade pending: maintenance on, upgrade, purge caches, maintenance off"
  moodle_cli maintenance.php --enable
  # A failed upgrade leaves maintenance mode on on purpose: the site is half-upgraded.
  moodle_cli upgrade.php --non-interactive
  moodle_cli purge_caches.php
  moodle_cli maintenance.php --disable
elif [[ $pending -eq 0 ]]; then
  log "no upgrade pending"
elif [[ -n "\${MOODLE_ADMIN_PASS:-}" ]]; then
  log "database not installed (upgrade check exit $pending): installing"
  moodle_cli install_database.php --agree-license --adminpass="$MOODLE_ADMIN_PASS" \\
    --adminemail="\${MOODLE_ADMIN_EMAIL:-admin@example.invalid}" \\
    --fullname="\${MOODLE_SITE_FULLNAME:-Moodle}" --shortname="\${MOODLE_SITE_SHORTNAME:-moodle}"
else
  echo "moodle-ha: upgrade check failed (exit $pending); if the database is new, set MOODLE_ADMIN_PASS to install it" >&2
  exit 1
fi
flock -u 9

# Cron on every node: Moodle's task locks (lock_factory) keep each task to one node at a time.
if [[ -d "$(dirname "$MOODLE_CRON_FILE")" ]]; then
  sed -e "s|@WEB_USER@|$MOODLE_WEB_USER|" -e "s|@PHP@|$MOODLE_PHP|" -e "s|@CLI_DIR@|$(moodle_cli_dir)|" \\
    "$MOODLE_BUNDLE_DIR/cron/moodle.cron" > "$MOODLE_CRON_FILE"
  chmod 644 "$MOODLE_CRON_FILE"
fi
`;

/** ApplicationStart: restart PHP and the web server. */
export const APPLICATION_START_SH = `#!/usr/bin/env bash
# CodeDeploy ApplicationStart: restart PHP (opcache holds the old code) and the web server.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

log "restarting: $MOODLE_RESTART_CMD"
bash -c "$MOODLE_RESTART_CMD"
`;

/** ValidateService: the node answers its own health URL. */
export const VALIDATE_SERVICE_SH = `#!/usr/bin/env bash
# CodeDeploy ValidateService: this node must answer its own health URL before it takes traffic
# again; a failure here fails the deployment, and CodeDeploy rolls back.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

attempts="\${MOODLE_HEALTH_ATTEMPTS:-30}"
wait_seconds="\${MOODLE_HEALTH_WAIT:-5}"
for ((attempt = 1; attempt <= attempts; attempt++)); do
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$MOODLE_HEALTH_URL" || true)"
  if [[ "$status" == 200 ]]; then
    log "healthy: $MOODLE_HEALTH_URL answered 200 (attempt $attempt)"
    exit 0
  fi
  log "not healthy yet: $MOODLE_HEALTH_URL answered \${status:-nothing} (attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
echo "moodle-ha: $MOODLE_HEALTH_URL did not answer 200 after $attempts attempts" >&2
exit 1
`;
