#!/usr/bin/env bash
# On one node at a time (flock on the shared dataroot), upgrade only when
# upgrade.php --is-pending says so: maintenance on → upgrade → purge caches → maintenance off.
set -euo pipefail
: "${MOODLE_CODE_DIR:?}" "${MOODLE_DATA_DIR:?}" "${MOODLE_PHP:=php}" "${MOODLE_WEB_USER:=www-data}"
# config.php: the scaffolder's bundle renders it from MOODLE_CONFIG_SOURCE; the stand-in keeps the node's own.
cli="$MOODLE_CODE_DIR/admin/cli"; [[ -d "$MOODLE_CODE_DIR/public/admin/cli" ]] && cli="$MOODLE_CODE_DIR/public/admin/cli"
as_web() { if [[ $(id -un) == "$MOODLE_WEB_USER" ]]; then "$@"; else runuser -u "$MOODLE_WEB_USER" -- "$@"; fi; }
exec 9> "$MOODLE_DATA_DIR/.moodle-ha-deploy.lock"
flock -w 600 9
set +e; as_web "$MOODLE_PHP" "$cli/upgrade.php" --is-pending; pending=$?; set -e
if [[ $pending -eq 2 ]]; then
  as_web "$MOODLE_PHP" "$cli/maintenance.php" --enable
  trap 'as_web "$MOODLE_PHP" "$cli/maintenance.php" --disable' EXIT
  as_web "$MOODLE_PHP" "$cli/upgrade.php" --non-interactive
  as_web "$MOODLE_PHP" "$cli/purge_caches.php"
elif [[ $pending -ne 0 ]]; then
  echo "upgrade.php --is-pending failed ($pending)" >&2; exit 1
fi
