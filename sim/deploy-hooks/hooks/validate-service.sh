#!/usr/bin/env bash
# Healthy when the health URL answers 200 within 30 s.
set -euo pipefail
for _ in $(seq 1 30); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "${MOODLE_HEALTH_URL:?}" || true)
  [[ $code == 200 ]] && { echo "validate-service: $MOODLE_HEALTH_URL → 200"; exit 0; }
  sleep 1
done
echo "validate-service: $MOODLE_HEALTH_URL did not answer 200 (last: $code)" >&2
exit 1
