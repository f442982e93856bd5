#!/usr/bin/env bash
# Code is per node: make sure the code folder exists locally (never on the shared moodledata).
set -euo pipefail
mkdir -p "${MOODLE_CODE_DIR:?}"
case "$MOODLE_CODE_DIR" in "${MOODLE_DATA_DIR:?}"*) echo "code must not live on the shared dataroot" >&2; exit 1 ;; esac
