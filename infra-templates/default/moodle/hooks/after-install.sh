#!/usr/bin/env bash
# CodeDeploy AfterInstall: write config.php (values read now, at deploy time, never per request),
# install the operation scripts, then check the site under the fleet-wide deploy lock:
#   up to date            nothing to do;
#   code newer than DB    maintenance on, for the whole fleet, until 'moodle-ha site upgrade'
#                         (ops/upgrade.sh) runs after the last node has the new code;
#   code older than DB    stop: Moodle cannot downgrade; nothing is changed;
#   not installed         nothing to do until 'moodle-ha site install' (ops/install.sh).
# A deployment never installs or upgrades the database: those are explicit operations.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ ! -f "$MOODLE_CODE_DIR/version.php" && ! -f "$MOODLE_CODE_DIR/public/version.php" ]]; then
  echo "moodle-ha: no Moodle code in $MOODLE_CODE_DIR (version.php missing)" >&2
  exit 1
fi

# A secret's JSON field, read from Secrets Manager once per deploy (never per request).
secret_field() {
  aws_cli secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text | jq -r ".$2"
}
# Moodle's own database user (not the master user), and the mail relay's credentials.
if [[ -z "${MOODLE_DB_PASS:-}" && -n "${MOODLE_DB_SECRET_ARN:-}" ]]; then
  MOODLE_DB_USER="$(secret_field "$MOODLE_DB_SECRET_ARN" username)"
  MOODLE_DB_PASS="$(secret_field "$MOODLE_DB_SECRET_ARN" password)"
  export MOODLE_DB_USER MOODLE_DB_PASS
fi
if [[ -n "${MOODLE_SMTP_HOST:-}" && -z "${MOODLE_SMTP_PASS:-}" && -n "${MOODLE_SMTP_SECRET_ARN:-}" ]]; then
  MOODLE_SMTP_USER="$(secret_field "$MOODLE_SMTP_SECRET_ARN" username)"
  MOODLE_SMTP_PASS="$(secret_field "$MOODLE_SMTP_SECRET_ARN" password)"
  export MOODLE_SMTP_USER MOODLE_SMTP_PASS
fi

# memcached has no cluster endpoint for PHP: list the nodes (ElastiCache names them .0001., .0002., …).
if [[ "${MOODLE_SESSION_HANDLER:-}" == memcached && -z "${MOODLE_MEMCACHED_SAVE_PATH:-}" ]]; then
  nodes=()
  for ((i = 1; i <= ${MOODLE_SESSION_NODE_COUNT:-1}; i++)); do
    nodes+=("${MOODLE_SESSION_HOST/.cfg./.$(printf '%04d' "$i").}:${MOODLE_SESSION_PORT:-11211}")
  done
  MOODLE_MEMCACHED_SAVE_PATH="$(IFS=,; echo "${nodes[*]}")"
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
umask 022

# Shared moodledata: created by the web user, never by root, and no symbolic links followed.
if [[ -L "$MOODLE_DATA_DIR" || ! -d "$MOODLE_DATA_DIR" ]]; then
  echo "moodle-ha: $MOODLE_DATA_DIR must be a directory (the mounted shared storage), not a link or missing" >&2
  exit 1
fi
for dir in cache temp backuptemp .moodle-ha; do
  if [[ -L "$MOODLE_DATA_DIR/$dir" ]]; then
    echo "moodle-ha: $MOODLE_DATA_DIR/$dir is a symbolic link (to $(readlink "$MOODLE_DATA_DIR/$dir")); refusing to use it. Nothing in moodledata may be a link: remove it and deploy again." >&2
    exit 1
  fi
  as_web_user mkdir -p "$MOODLE_DATA_DIR/$dir"
done
# Local to this node, under a root-owned parent.
mkdir -p "$MOODLE_LOCAL_CACHE_DIR"
if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then chown -h "$MOODLE_WEB_USER" "$MOODLE_LOCAL_CACHE_DIR" 2>/dev/null || true; fi
mkdir -p "$MOODLE_STATE_DIR" && chmod 0755 "$MOODLE_STATE_DIR"

# PHP settings Moodle needs (only where PHP reads a conf.d folder).
if [[ -d "$MOODLE_PHP_INI_DIR" && -w "$MOODLE_PHP_INI_DIR" ]]; then
  cp "$MOODLE_BUNDLE_DIR/php/moodle.ini" "$MOODLE_PHP_INI_DIR/90-moodle.ini"
fi

# The operation scripts, on local disk, owned by root, readable by the web user.
mkdir -p "$MOODLE_OPS_DIR" && chmod 0755 "$MOODLE_OPS_DIR"
install -m 0755 "$MOODLE_BUNDLE_DIR"/ops/*.sh "$MOODLE_OPS_DIR/"
install -m 0644 "$MOODLE_BUNDLE_DIR"/ops/*.php "$MOODLE_OPS_DIR/"
install -m 0644 "$MOODLE_BUNDLE_DIR/hooks/common.sh" "$MOODLE_OPS_DIR/common.sh"

# The site gate, as the web user, holding the fleet-wide lock.
log "waiting for the deploy lock on shared storage"
set +e
state="$(with_deploy_lock bash "$MOODLE_OPS_DIR/deploy-gate.sh")"
gate=$?
set -e
if [[ $gate -eq 75 ]]; then
  echo "moodle-ha: another node held the deploy lock for more than $MOODLE_LOCK_TIMEOUT s" >&2
  exit 1
elif [[ $gate -ne 0 ]]; then
  exit "$gate"
fi
echo "$state" > "$MOODLE_STATE_DIR/site-state"
# Which deployment this node's code came from (CodeDeploy sets DEPLOYMENT_ID for hooks): the
# template's CodeVersionDocument prints it, and `moodle-ha site upgrade` checks every node has it.
echo "deployment=${DEPLOYMENT_ID:-unknown}" > "$MOODLE_STATE_DIR/deployed-revision"

# Cron on every node: Moodle's task locks (lock_factory) keep each task to one node at a time.
if [[ -d "$(dirname "$MOODLE_CRON_FILE")" ]]; then
  cron_log=/dev/null
  if [[ -n "${MOODLE_LOG_DIR:-}" ]]; then
    # Local disk under a root-owned parent; cron runs as the web user and appends here.
    mkdir -p "$MOODLE_LOG_DIR"
    if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then chown -h "$MOODLE_WEB_USER" "$MOODLE_LOG_DIR"; fi
    cron_log="$MOODLE_LOG_DIR/cron.log"
  fi
  sed -e "s|@WEB_USER@|$MOODLE_WEB_USER|" -e "s|@PHP@|$MOODLE_PHP|" -e "s|@CLI_DIR@|$(moodle_cli_dir)|" -e "s|@CRON_LOG@|$cron_log|" \
    "$MOODLE_BUNDLE_DIR/cron/moodle.cron" > "$MOODLE_CRON_FILE"
  chmod 644 "$MOODLE_CRON_FILE"
fi
