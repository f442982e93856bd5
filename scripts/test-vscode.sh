#!/usr/bin/env bash
# The extension in a real VS Code (code-server, see scripts/setup/vscode.sh), in three suites:
#   vscode-package  `npm run package` makes a .vsix that holds what the extension needs (≤ 15 MB)
#   vscode-exthost  test/vscode/*.test.ts in code-server's extension host (smoke-test driver + ?payload=)
#   vscode-ui       test/ui/*.ui.mjs: Playwright + Debian's chromium on a second server without that driver;
#                   tests that declare `untrusted: true` run on a third server, with Workspace Trust on
# Screenshots go to test-results/screenshots/, logs to test-results/logs/. Each suite appends
# `<suite> <passed> <failed> <pending>` to $MHA_TEST_COUNTS (scripts/run-tests.sh sums them).
# Env: MHA_VSIX=path      install this .vsix instead of running `npm run package`
#      MHA_VSCODE_SUITES  which suites to run (default "package exthost ui")
#      MHA_UI_TESTS       which UI tests to run (names of test/ui/*.ui.mjs; default all)
#      MHA_VSCODE_GREP    mocha grep for the extension-host suites
#      MHA_TEST_RESULTS   where screenshots, logs and the throwaway state go (default test-results/)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ROOT="$PWD"
source scripts/setup/vscode-env.sh

SUITES="${MHA_VSCODE_SUITES:-package exthost ui}"
RESULTS="${MHA_TEST_RESULTS:-$ROOT/test-results}"   # another folder lets two runs share a checkout
SHOTS="$RESULTS/screenshots"
LOGS="$RESULTS/logs"
WORK="$RESULTS/vscode-work"   # throwaway: HOME, XDG dirs, code-server state, workspaces, browser profiles
rm -rf "$WORK" "$SHOTS" && mkdir -p "$WORK" "$SHOTS" "$LOGS"
status=0
SERVER_PGID=""

exec 3>&1   # progress lines reach the terminal even from a command whose output goes to a log
say() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&3; }
timed() { local label="$1"; shift; local t=$SECONDS; "$@"; local rc=$?; say "$label: $((SECONDS - t)) s (exit $rc)"; return $rc; }
fail_suite() { say "FAIL: $2"; [[ -n "${MHA_TEST_COUNTS:-}" ]] && echo "$1 0 1 0" >> "$MHA_TEST_COUNTS"; status=1; }

if [[ ! -x "$MHA_NODE24/bin/node" || ! -f "$MHA_CODE_SERVER/out/node/entry.js" ]]; then
  fail_suite vscode "code-server is not installed in $MHA_VSCODE_CACHE; run: bash scripts/setup/vscode.sh"
  exit 1
fi

# Nothing the server, extension host or browser writes may land in the real HOME.
isolated=(HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CACHE_HOME="$WORK/home/.cache")
mkdir -p "$WORK/home" "$WORK/code-server/user/User" "$WORK/code-server/user-untrusted/User" "$WORK/code-server/extensions"
cp test/vscode/code-server-settings.json "$WORK/code-server/user/User/settings.json"
# The untrusted server: the same settings, with Workspace Trust on (and its own user data, where
# VS Code keeps the trust decisions).
node -e 'const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  s["security.workspace.trust.enabled"] = true; fs.writeFileSync(process.argv[2], JSON.stringify(s, null, 2));' \
  test/vscode/code-server-settings.json "$WORK/code-server/user-untrusted/User/settings.json"
printf 'auth: none\ncert: false\n' > "$WORK/code-server/config.yaml"
code_server=(env "${isolated[@]}" EXTENSIONS_GALLERY='{}' MHA_VSCODE_GREP="${MHA_VSCODE_GREP:-}"
  "$MHA_NODE24/bin/node" "$MHA_CODE_SERVER/out/node/entry.js" --config "$WORK/code-server/config.yaml"
  --extensions-dir "$WORK/code-server/extensions")

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
MOTO_PGID=""
stop_moto() { [[ -n "$MOTO_PGID" ]] && kill -TERM -- "-$MOTO_PGID" 2>/dev/null; MOTO_PGID=""; }

stop_server() {
  [[ -z "$SERVER_PGID" ]] && return 0
  kill -TERM -- "-$SERVER_PGID" 2>/dev/null
  for _ in $(seq 50); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$SERVER_PGID" 2>/dev/null
  SERVER_PGID=""
}
trap 'stop_server; stop_moto' EXIT

# start_server <log name> [code-server args...]: a new process group on a free loopback port; sets URL.
# Workspace Trust is off (every folder trusted) unless SERVER_TRUST=untrusted.
start_server() {
  local name="$1"; shift
  local port
  local trust=(--user-data-dir "$WORK/code-server/user" --disable-workspace-trust)
  [[ "${SERVER_TRUST:-}" == untrusted ]] && trust=(--user-data-dir "$WORK/code-server/user-untrusted")
  port=$(free_port)
  URL="http://127.0.0.1:$port"
  setsid "${code_server[@]}" "${trust[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-getting-started-override "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  SERVER_PGID=$!
  for _ in $(seq 300); do
    curl -fsS "$URL/healthz" > /dev/null 2>&1 && return 0
    kill -0 "$SERVER_PGID" 2>/dev/null || break
    sleep 0.1
  done
  say "code-server did not start; see $LOGS/$name.log"
  return 1
}

# ---------------------------------------------------------------- build: tests (out/) and the .vsix
newest_test_source=$(find test/vscode test/package -name '*.ts' -newer out/test/vscode/index.js 2>/dev/null | head -1)
if [[ ! -f out/test/vscode/index.js || -n "$newest_test_source" ]]; then
  # tsc emits even when another folder has type errors; the check below is what matters here.
  timed "tsc" npx tsc -p . > "$LOGS/tsc.log" 2>&1
fi
[[ -f out/test/vscode/index.js ]] || { fail_suite vscode "out/test/vscode/index.js was not built (see $LOGS/tsc.log)"; exit 1; }

has_suite() { [[ " $SUITES " == *" $1 "* ]]; }
VSIX="${MHA_VSIX:-$ROOT/moodle-ha.vsix}"
if [[ -z "${MHA_VSIX:-}" ]] && { has_suite package || has_suite ui; }; then
  timed "npm run package" npm run --silent package > "$LOGS/package.log" 2>&1 || { fail_suite vscode-package "npm run package (see $LOGS/package.log)"; exit 1; }
fi
# The extension-host suites run the working tree's dist/: build it when packaging has not.
if has_suite exthost && ! { [[ -z "${MHA_VSIX:-}" ]] && { has_suite package || has_suite ui; }; }; then
  timed "npm run build" npm run --silent build > "$LOGS/build.log" 2>&1 || { fail_suite vscode-exthost "npm run build (see $LOGS/build.log)"; exit 1; }
fi

# ---------------------------------------------------------------- suite: the package
if has_suite package; then
  MHA_VSIX="$VSIX" MHA_SUITE_NAME=vscode-package timed "suite vscode-package" \
    npx mocha --no-config --reporter test/support/counting-reporter.js out/test/package/*.test.js || status=1
fi


# ---------------------------------------------------------------- suite: extension host
if has_suite exthost; then
  ws="$WORK/workspaces/exthost"; mkdir -p "$(dirname "$ws")"; cp -r test/vscode/fixtures/workspace "$ws"
  t=$SECONDS
  if start_server code-server-exthost --vscode-option enable-smoke-test-driver; then
    MHA_SUITE_NAME=vscode-exthost timeout 600 env "${isolated[@]}" node test/vscode/run-code-server.mjs \
      --url "$URL" --workspace "$ws" --extension "$ROOT" --tests "$ROOT/out/test/vscode/index.js" \
      --profile "$WORK/chromium-exthost" --screenshot "$SHOTS/00-extension-host.png" --log "$LOGS/exthost-tests.log" \
      --suite vscode-exthost || status=1
  else
    fail_suite vscode-exthost "code-server (extension host) did not start"
  fi
  stop_server
  say "suite vscode-exthost: $((SECONDS - t)) s"
fi

# ---------------------------------------------------------------- suite: UI (the packaged extension, as a user installs it)
if has_suite ui && ! timed "install .vsix" "${code_server[@]}" --user-data-dir "$WORK/code-server/user" --install-extension "$VSIX" > "$LOGS/install-extension.log" 2>&1; then
  fail_suite vscode-ui "code-server --install-extension (see $LOGS/install-extension.log)"
elif has_suite ui; then
  t=$SECONDS
  # The stacks tree and the deploy test talk to moto_server (a real CloudFormation API) on loopback;
  # without it they run against nothing and the deploy test is pending.
  if command -v moto_server > /dev/null; then
    moto_port=$(free_port)
    setsid moto_server -H 127.0.0.1 -p "$moto_port" > "$LOGS/moto.log" 2>&1 < /dev/null &
    MOTO_PGID=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$moto_port/moto-api/" > /dev/null 2>&1 && break; sleep 0.1; done
    # Only the endpoint: region and keys come from the throwaway HOME's ~/.aws files, which each
    # test writes for the state it needs (test/ui/support/aws-files.mjs), so "no region" and "no
    # credentials" can be shown too.
    export MOODLE_HA_AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
  fi
  installed=$(find "$WORK/code-server/extensions" -path "*/moodle-ha.moodle-ha-*/package.json" -maxdepth 2 | head -1)
  # One server per trust mode that has tests to run (`untrusted: true` in the test module).
  for trust in trusted untrusted; do
    # shellcheck disable=SC2086 # MHA_UI_TESTS is a list of names
    selected=$(node test/ui/run.mjs --list --trust "$trust" --manifest "$installed" ${MHA_UI_TESTS:-}) || { fail_suite vscode-ui "test/ui/run.mjs --list"; continue; }
    [[ -z "$selected" ]] && continue
    suite=vscode-ui; [[ $trust == untrusted ]] && suite=vscode-ui-untrusted
    if SERVER_TRUST=$trust start_server "code-server-ui-$trust"; then
      # shellcheck disable=SC2086 # a list of names
      timeout 900 env "${isolated[@]}" node test/ui/run.mjs --url "$URL" --work "$WORK/ui-$trust" --shots "$SHOTS" --manifest "$installed" \
        --suite "$suite" --trust "$trust" $selected 2>&1 | tee "$LOGS/$suite-tests.log"
      [[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
    else
      fail_suite "$suite" "code-server (UI, $trust) did not start"
    fi
    stop_server
  done
  stop_moto
  say "suite vscode-ui: $((SECONDS - t)) s"
fi

say "screenshots: $SHOTS  logs: $LOGS"
exit $status
