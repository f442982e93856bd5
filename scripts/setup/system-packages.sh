#!/usr/bin/env bash
# Debian packages the tests use: shellcheck and php-cli (scaffolded hook scripts and config.php),
# debootstrap (the replica's base image), chromium + libkrb5-dev + fonts (the VS Code UI tests).
set -euo pipefail
want=(shellcheck php-cli debootstrap chromium libkrb5-dev fonts-dejavu-core docker.io curl)
missing=()
for p in "${want[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [[ ${#missing[@]} -eq 0 ]]; then echo "all present"; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then echo "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" > /tmp/mha-apt.log 2>&1 || { tail -n 30 /tmp/mha-apt.log >&2; exit 1; }
echo "installed: ${missing[*]}"
