#!/usr/bin/env bash
# Restart PHP so the new code (and opcache) is live.
set -euo pipefail
bash -c "${MOODLE_RESTART_CMD:?}"
