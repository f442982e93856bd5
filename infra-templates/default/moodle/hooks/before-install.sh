#!/usr/bin/env bash
# CodeDeploy BeforeInstall: make room for the new code. Code lives on local disk, and old files
# must not linger (Moodle's upgrade notes: never copy a new release over an old one).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

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
if [[ "${MOODLE_CLEAN_CODE_DIR:-1}" == 1 ]]; then
  find "$MOODLE_CODE_DIR" -mindepth 1 -delete
  log "emptied $MOODLE_CODE_DIR for the new release"
fi
