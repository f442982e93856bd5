#!/usr/bin/env bash
# CodeDeploy AfterInstall: write config.php (values read now, at deploy time, never per request),
# then upgrade Moodle once, on one node: the first node to take the lock on shared storage does
# maintenance on → upgrade → purge caches → maintenance off; the others find nothing pending.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ ! -f "$MOODLE_CODE_DIR/version.php" && ! -f "$MOODLE_CODE_DIR/public/version.php" ]]; then
  echo "moodle-ha: no Moodle code in $MOODLE_CODE_DIR (version.php missing)" >&2
  exit 1
fi

# The database password: from the environment, or (aws) from Secrets Manager, once per deploy.
if [[ -z "${MOODLE_DB_PASS:-}" && -n "${MOODLE_DB_SECRET_ARN:-}" ]]; then
  secret="$(aws secretsmanager get-secret-value --region "${MOODLE_AWS_REGION:-}" --secret-id "$MOODLE_DB_SECRET_ARN" --query SecretString --output text)"
  MOODLE_DB_USER="$(jq -r .username <<<"$secret")"
  MOODLE_DB_PASS="$(jq -r .password <<<"$secret")"
  export MOODLE_DB_USER MOODLE_DB_PASS
  unset secret
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
elif [[ -n "${MOODLE_ADMIN_PASS:-}" ]]; then
  log "database not installed (upgrade check exit $pending): installing"
  moodle_cli install_database.php --agree-license --adminpass="$MOODLE_ADMIN_PASS" \
    --adminemail="${MOODLE_ADMIN_EMAIL:-admin@example.invalid}" \
    --fullname="${MOODLE_SITE_FULLNAME:-Moodle}" --shortname="${MOODLE_SITE_SHORTNAME:-moodle}"
else
  echo "moodle-ha: upgrade check failed (exit $pending); if the database is new, set MOODLE_ADMIN_PASS to install it" >&2
  exit 1
fi
flock -u 9

# Cron on every node: Moodle's task locks (lock_factory) keep each task to one node at a time.
if [[ -d "$(dirname "$MOODLE_CRON_FILE")" ]]; then
  sed -e "s|@WEB_USER@|$MOODLE_WEB_USER|" -e "s|@PHP@|$MOODLE_PHP|" -e "s|@CLI_DIR@|$(moodle_cli_dir)|" \
    "$MOODLE_BUNDLE_DIR/cron/moodle.cron" > "$MOODLE_CRON_FILE"
  chmod 644 "$MOODLE_CRON_FILE"
fi
