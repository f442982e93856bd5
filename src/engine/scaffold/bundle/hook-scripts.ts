/**
 * moodle/hooks/: the CodeDeploy hooks. A contract shared with the local replica's rolling-deploy drill,
 * which runs these scripts unchanged: bash, `set -euo pipefail`, configured only by environment
 * variables with defaults (see common.sh). Kept as text here so the engine can write them anywhere.
 */

/** Sourced by every hook: settings, config source, helpers. */
export const COMMON_SH = `#!/usr/bin/env bash
# Shared settings of the Moodle deployment hooks, sourced by each of them. Every setting is an
# environment variable with a default, so the same scripts run under CodeDeploy on EC2 and in the
# local Docker replica's rolling deploy.
#
#   MOODLE_CONFIG_SOURCE  where config.php values come from:
#                           env         the environment only (the replica)
#                           file:PATH   KEY=VALUE lines in PATH, then the environment
#                           aws         /etc/moodle-ha/moodle.env (written at boot) plus the database
#                                       password from Secrets Manager, read once per deploy
#                         default: aws when /etc/moodle-ha/moodle.env exists, else env
#   MOODLE_CODE_DIR       /var/www/moodle     local code (never on shared storage)
#   MOODLE_DATA_DIR       /mnt/moodledata     shared moodledata (EFS, NFS or GlusterFS)
#   MOODLE_PHP            php
#   MOODLE_WEB_USER       apache
#   MOODLE_HEALTH_URL     http://127.0.0.1/login/index.php   this node's own health URL
#   MOODLE_RESTART_CMD    restarts PHP and the web server
#                         (default: systemctl restart php-fpm, plus nginx or httpd)
#   MOODLE_OPS_DIR        /opt/moodle-ha/ops  the operation scripts (install.sh, upgrade.sh), root-owned
#                                             on local disk; after-install.sh installs them there
#   MOODLE_STATE_DIR      /var/lib/moodle-ha  this node's own state (root-owned, local disk, never shared)
# Less often needed: MOODLE_LOCAL_CACHE_DIR (/var/cache/moodle), MOODLE_LOCK_TIMEOUT (3600 s),
# MOODLE_CRON_FILE (/etc/cron.d/moodle), MOODLE_CLEAN_CODE_DIR (1), MOODLE_PHP_INI_DIR (/etc/php.d),
# MOODLE_CRON_WAIT (600 s), MOODLE_AWS (aws).
#
# Shared moodledata belongs to the web user, and anything running as the web user can plant
# symbolic links in it. So these scripts never act as root on a path in moodledata: they create,
# lock, read and write there only as the web user (as_web_user), and root state stays local.

# Values already in the environment win over the file.
moodle_ha_load_source() {
  local chosen="\${MOODLE_CONFIG_SOURCE:-}"
  if [[ -z "$chosen" ]]; then
    if [[ -f /etc/moodle-ha/moodle.env ]]; then chosen="aws"; else chosen="env"; fi
  fi
  local file=""
  case "$chosen" in
    env) ;;
    aws) file=/etc/moodle-ha/moodle.env ;;
    file:*) file="\${chosen#file:}" ;;
    *) echo "moodle-ha: unknown MOODLE_CONFIG_SOURCE '$chosen' (use env, aws or file:PATH)" >&2; return 1 ;;
  esac
  if [[ -n "$file" ]]; then
    if [[ ! -r "$file" ]]; then
      echo "moodle-ha: cannot read $file (MOODLE_CONFIG_SOURCE=$chosen)" >&2
      return 1
    fi
    local line key value
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ "$line" =~ ^[A-Z_][A-Z0-9_]*= ]] || continue
      key="\${line%%=*}"
      value="\${line#*=}"
      if [[ \${#value} -ge 2 && "\${value:0:1}" == "'" && "\${value: -1}" == "'" ]]; then
        value="\${value:1:\${#value}-2}"
      fi
      if [[ -z "\${!key+x}" ]]; then
        export "$key=$value"
      fi
    done < "$file"
  fi
  MOODLE_CONFIG_SOURCE="$chosen"
  export MOODLE_CONFIG_SOURCE
}
moodle_ha_load_source

MOODLE_CODE_DIR="\${MOODLE_CODE_DIR:-/var/www/moodle}"
MOODLE_DATA_DIR="\${MOODLE_DATA_DIR:-/mnt/moodledata}"
MOODLE_PHP="\${MOODLE_PHP:-php}"
MOODLE_WEB_USER="\${MOODLE_WEB_USER:-apache}"
MOODLE_HEALTH_URL="\${MOODLE_HEALTH_URL:-http://127.0.0.1/login/index.php}"
if [[ -z "\${MOODLE_RESTART_CMD:-}" ]]; then
  if [[ -d /etc/nginx/conf.d && ! -d /etc/httpd/conf.d ]]; then
    MOODLE_RESTART_CMD="systemctl restart php-fpm nginx"
  else
    MOODLE_RESTART_CMD="systemctl restart php-fpm httpd"
  fi
fi
MOODLE_LOCAL_CACHE_DIR="\${MOODLE_LOCAL_CACHE_DIR:-/var/cache/moodle}"
MOODLE_LOCK_TIMEOUT="\${MOODLE_LOCK_TIMEOUT:-3600}"
MOODLE_CRON_FILE="\${MOODLE_CRON_FILE:-/etc/cron.d/moodle}"
MOODLE_PHP_INI_DIR="\${MOODLE_PHP_INI_DIR:-/etc/php.d}"
MOODLE_OPS_DIR="\${MOODLE_OPS_DIR:-/opt/moodle-ha/ops}"
MOODLE_STATE_DIR="\${MOODLE_STATE_DIR:-/var/lib/moodle-ha}"
MOODLE_AWS="\${MOODLE_AWS:-aws}"
export MOODLE_CODE_DIR MOODLE_DATA_DIR MOODLE_PHP MOODLE_WEB_USER MOODLE_HEALTH_URL MOODLE_RESTART_CMD MOODLE_LOCAL_CACHE_DIR
export MOODLE_LOCK_TIMEOUT MOODLE_OPS_DIR MOODLE_STATE_DIR MOODLE_AWS

# This revision's bundle: config.php.template, render-config.php, php/, cron/.
MOODLE_BUNDLE_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
export MOODLE_BUNDLE_DIR

log() { printf '[moodle-ha %s] %s\\n' "$(basename "$0" .sh)" "$*"; }

# Moodle 5.1+ serves from public/ and keeps its CLI scripts under public/admin/cli.
moodle_cli_dir() {
  if [[ -d "$MOODLE_CODE_DIR/public/admin/cli" ]]; then
    echo "$MOODLE_CODE_DIR/public/admin/cli"
  else
    echo "$MOODLE_CODE_DIR/admin/cli"
  fi
}

# Runs a command as the web user. As root, through runuser; a missing web user is an error, never
# a reason to run as root.
as_web_user() {
  if [[ "$(id -u)" != 0 || "$MOODLE_WEB_USER" == root ]]; then
    "$@"
  elif id "$MOODLE_WEB_USER" >/dev/null 2>&1; then
    # The environment (moodle.env already loaded) carries over; the web user cannot read moodle.env.
    runuser -u "$MOODLE_WEB_USER" -- env MOODLE_CONFIG_SOURCE=env "$@"
  else
    echo "moodle-ha: the web user '$MOODLE_WEB_USER' does not exist (set MOODLE_WEB_USER)" >&2
    return 1
  fi
}

# Runs a Moodle CLI script as the web user, so files it creates in moodledata stay writable.
moodle_cli() {
  local script="$1"
  shift
  as_web_user "$MOODLE_PHP" "$(moodle_cli_dir)/$script" "$@"
}

# Runs a command holding the deploy lock: a file on shared moodledata, so one node at a time across
# the fleet, opened and locked by the web user (never by root: it could be a planted link).
# Exit 75 when the lock was not free within MOODLE_LOCK_TIMEOUT.
with_deploy_lock() {
  local lock="$MOODLE_DATA_DIR/.moodle-ha-deploy.lock"
  # Hooks of earlier releases took this lock as root, leaving a root-owned 0640 file the web user
  # cannot open ("Permission denied"). Root hands a plain file over; -h so that a link swapped in
  # meanwhile is changed itself, never what it points at. A link is left alone (flock as the web
  # user cannot harm its target).
  if [[ "$(id -u)" == 0 && "$MOODLE_WEB_USER" != root && -f "$lock" && ! -L "$lock" && "$(stat -c %U "$lock")" != "$MOODLE_WEB_USER" ]]; then
    chown -h "$MOODLE_WEB_USER" "$lock" || echo "moodle-ha: could not hand $lock to $MOODLE_WEB_USER (root squashed on NFS?); remove it if a deploy says Permission denied" >&2
  fi
  as_web_user flock -E 75 -w "$MOODLE_LOCK_TIMEOUT" "$lock" "$@"
}

# The AWS CLI, in the stack's region when moodle.env names it.
aws_cli() {
  if [[ -n "\${MOODLE_AWS_REGION:-}" ]]; then
    "$MOODLE_AWS" --region "$MOODLE_AWS_REGION" "$@"
  else
    "$MOODLE_AWS" "$@"
  fi
}

# "true" when a setting is on (1/true/yes/on), as render-config.php reads it.
is_on() {
  case "\${1,,}" in 1 | true | yes | on) return 0 ;; *) return 1 ;; esac
}

# The wwwroot's host[:port], lower-cased, and its path (empty or /something).
wwwroot_host() {
  local rest="\${MOODLE_WWWROOT#*://}"
  rest="\${rest%%/*}"
  echo "\${rest,,}"
}
wwwroot_path() {
  local rest="\${MOODLE_WWWROOT#*://}"
  if [[ "$rest" == */* ]]; then echo "/\${rest#*/}"; fi
}
`;

/** ApplicationStop: stop this node's cron and wait for a running cron.php. */
export const APPLICATION_STOP_SH = `#!/usr/bin/env bash
# CodeDeploy ApplicationStop (runs from the previous revision). The load balancer has already
# taken this node out of service; stop its cron, and wait for a cron.php that is still running,
# so no task runs against half-replaced code (BeforeInstall deletes the code next).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

if [[ -f "$MOODLE_CRON_FILE" ]]; then
  rm -f "$MOODLE_CRON_FILE"
  log "cron stopped on this node ($MOODLE_CRON_FILE removed)"
else
  log "no cron file at $MOODLE_CRON_FILE; nothing to stop"
fi

cron_script="$(moodle_cli_dir)/cron.php"
# True while a process runs this code's cron.php (read from /proc: no procps needed; mapfile is a
# builtin, so a busy machine with many processes is scanned without a subprocess each).
cron_running() {
  local cmdline args
  for cmdline in /proc/[0-9]*/cmdline; do
    mapfile -d '' args 2>/dev/null < "$cmdline" || continue
    if [[ "\${args[*]}" == *"$cron_script"* ]]; then return 0; fi
  done
  return 1
}
wait_limit="\${MOODLE_CRON_WAIT:-600}"
started=$SECONDS
told=""
while cron_running; do
  if (( SECONDS - started >= wait_limit )); then
    echo "moodle-ha: cron.php is still running after \${wait_limit} s; stopping the deployment rather than replacing its code (raise MOODLE_CRON_WAIT, or end the task)" >&2
    exit 1
  fi
  # Say so at once, then every 30 s (a scan can take over a second, so never "when elapsed % 30 is 0").
  if [[ -z $told ]] || (( SECONDS - told >= 30 )); then
    log "waiting for the running cron.php to finish ($cron_script)"
    told=$SECONDS
  fi
  sleep 1
done
log "no cron.php running"
`;

/** BeforeInstall: empty the local code folder. */
export const BEFORE_INSTALL_SH = `#!/usr/bin/env bash
# CodeDeploy BeforeInstall: make room for the new code. Code lives on local disk, and old files
# must not linger (Moodle's upgrade notes: never copy a new release over an old one).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

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
if [[ "\${MOODLE_CLEAN_CODE_DIR:-1}" == 1 ]]; then
  find "$MOODLE_CODE_DIR" -mindepth 1 -delete
  log "emptied $MOODLE_CODE_DIR for the new release"
fi
`;

/** AfterInstall: config.php, safe moodledata folders, the operation scripts, then the site gate under the fleet lock. */
export const AFTER_INSTALL_SH = `#!/usr/bin/env bash
# CodeDeploy AfterInstall: write config.php (values read now, at deploy time, never per request),
# install the operation scripts, then check the site under the fleet-wide deploy lock:
#   up to date            nothing to do;
#   code newer than DB    maintenance on, for the whole fleet, until 'moodle-ha site upgrade'
#                         (ops/upgrade.sh) runs after the last node has the new code;
#   code older than DB    stop: Moodle cannot downgrade; nothing is changed;
#   not installed         nothing to do until 'moodle-ha site install' (ops/install.sh).
# A deployment never installs or upgrades the database: those are explicit operations.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

if [[ ! -f "$MOODLE_CODE_DIR/version.php" && ! -f "$MOODLE_CODE_DIR/public/version.php" ]]; then
  echo "moodle-ha: no Moodle code in $MOODLE_CODE_DIR (version.php missing)" >&2
  exit 1
fi

# A secret's JSON field, read from Secrets Manager once per deploy (never per request).
secret_field() {
  aws_cli secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text | jq -r ".$2"
}
# Moodle's own database user (not the master user), and the mail relay's credentials.
if [[ -z "\${MOODLE_DB_PASS:-}" && -n "\${MOODLE_DB_SECRET_ARN:-}" ]]; then
  MOODLE_DB_USER="$(secret_field "$MOODLE_DB_SECRET_ARN" username)"
  MOODLE_DB_PASS="$(secret_field "$MOODLE_DB_SECRET_ARN" password)"
  export MOODLE_DB_USER MOODLE_DB_PASS
fi
if [[ -n "\${MOODLE_SMTP_HOST:-}" && -z "\${MOODLE_SMTP_PASS:-}" && -n "\${MOODLE_SMTP_SECRET_ARN:-}" ]]; then
  MOODLE_SMTP_USER="$(secret_field "$MOODLE_SMTP_SECRET_ARN" username)"
  MOODLE_SMTP_PASS="$(secret_field "$MOODLE_SMTP_SECRET_ARN" password)"
  export MOODLE_SMTP_USER MOODLE_SMTP_PASS
fi

# memcached has no cluster endpoint for PHP: list the nodes (ElastiCache names them .0001., .0002., …).
if [[ "\${MOODLE_SESSION_HANDLER:-}" == memcached && -z "\${MOODLE_MEMCACHED_SAVE_PATH:-}" ]]; then
  nodes=()
  for ((i = 1; i <= \${MOODLE_SESSION_NODE_COUNT:-1}; i++)); do
    nodes+=("\${MOODLE_SESSION_HOST/.cfg./.$(printf '%04d' "$i").}:\${MOODLE_SESSION_PORT:-11211}")
  done
  MOODLE_MEMCACHED_SAVE_PATH="$(IFS=,; echo "\${nodes[*]}")"
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
umask 022

# Shared moodledata: created by the web user, never by root, and no symbolic links followed.
if [[ -L "$MOODLE_DATA_DIR" || ! -d "$MOODLE_DATA_DIR" ]]; then
  echo "moodle-ha: $MOODLE_DATA_DIR must be a directory (the mounted shared storage), not a link or missing" >&2
  exit 1
fi
for dir in cache temp backuptemp .moodle-ha; do
  if [[ -L "$MOODLE_DATA_DIR/$dir" ]]; then
    echo "moodle-ha: $MOODLE_DATA_DIR/$dir is a symbolic link (to $(readlink "$MOODLE_DATA_DIR/$dir")); refusing to use it. Nothing in moodledata may be a link: remove it and deploy again." >&2
    exit 1
  fi
  as_web_user mkdir -p "$MOODLE_DATA_DIR/$dir"
done
# Local to this node, under a root-owned parent.
mkdir -p "$MOODLE_LOCAL_CACHE_DIR"
if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then chown -h "$MOODLE_WEB_USER" "$MOODLE_LOCAL_CACHE_DIR" 2>/dev/null || true; fi
mkdir -p "$MOODLE_STATE_DIR" && chmod 0755 "$MOODLE_STATE_DIR"

# PHP settings Moodle needs (only where PHP reads a conf.d folder).
if [[ -d "$MOODLE_PHP_INI_DIR" && -w "$MOODLE_PHP_INI_DIR" ]]; then
  cp "$MOODLE_BUNDLE_DIR/php/moodle.ini" "$MOODLE_PHP_INI_DIR/90-moodle.ini"
fi

# The operation scripts, on local disk, owned by root, readable by the web user.
mkdir -p "$MOODLE_OPS_DIR" && chmod 0755 "$MOODLE_OPS_DIR"
install -m 0755 "$MOODLE_BUNDLE_DIR"/ops/*.sh "$MOODLE_OPS_DIR/"
install -m 0644 "$MOODLE_BUNDLE_DIR"/ops/*.php "$MOODLE_OPS_DIR/"
install -m 0644 "$MOODLE_BUNDLE_DIR/hooks/common.sh" "$MOODLE_OPS_DIR/common.sh"

# The site gate, as the web user, holding the fleet-wide lock.
log "waiting for the deploy lock on shared storage"
set +e
state="$(with_deploy_lock bash "$MOODLE_OPS_DIR/deploy-gate.sh")"
gate=$?
set -e
if [[ $gate -eq 75 ]]; then
  echo "moodle-ha: another node held the deploy lock for more than $MOODLE_LOCK_TIMEOUT s" >&2
  exit 1
elif [[ $gate -ne 0 ]]; then
  exit "$gate"
fi
echo "$state" > "$MOODLE_STATE_DIR/site-state"
# Which deployment this node's code came from (CodeDeploy sets DEPLOYMENT_ID for hooks): the
# template's CodeVersionDocument prints it, and \`moodle-ha site upgrade\` checks every node has it.
echo "deployment=\${DEPLOYMENT_ID:-unknown}" > "$MOODLE_STATE_DIR/deployed-revision"

# Cron on every node: Moodle's task locks (lock_factory) keep each task to one node at a time.
if [[ -d "$(dirname "$MOODLE_CRON_FILE")" ]]; then
  cron_log=/dev/null
  if [[ -n "\${MOODLE_LOG_DIR:-}" ]]; then
    # Local disk under a root-owned parent; cron runs as the web user and appends here.
    mkdir -p "$MOODLE_LOG_DIR"
    if id "$MOODLE_WEB_USER" >/dev/null 2>&1; then chown -h "$MOODLE_WEB_USER" "$MOODLE_LOG_DIR"; fi
    cron_log="$MOODLE_LOG_DIR/cron.log"
  fi
  sed -e "s|@WEB_USER@|$MOODLE_WEB_USER|" -e "s|@PHP@|$MOODLE_PHP|" -e "s|@CLI_DIR@|$(moodle_cli_dir)|" -e "s|@CRON_LOG@|$cron_log|" \\
    "$MOODLE_BUNDLE_DIR/cron/moodle.cron" > "$MOODLE_CRON_FILE"
  chmod 644 "$MOODLE_CRON_FILE"
fi
`;

/** ApplicationStart: restart PHP and the web server. */
export const APPLICATION_START_SH = `#!/usr/bin/env bash
# CodeDeploy ApplicationStart: restart PHP (opcache holds the old code) and the web server.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

log "restarting: $MOODLE_RESTART_CMD"
bash -c "$MOODLE_RESTART_CMD"
`;

/** ValidateService: real Moodle answers on this node, for the wwwroot's host. */
export const VALIDATE_SERVICE_SH = `#!/usr/bin/env bash
# CodeDeploy ValidateService: this node must serve Moodle before it takes traffic again. It asks
# its own web server for the login page as the load balancer's users do: with the wwwroot's Host
# (Moodle redirects any other host) and, behind TLS offload, X-Forwarded-Proto: https. What it
# expects depends on the site's state that after-install found (MOODLE_STATE_DIR/site-state):
#   ready          200 with Moodle's login form
#   maintenance    503 from Moodle (waiting for 'moodle-ha site upgrade')
#   not-installed  any answer from Moodle's PHP (waiting for 'moodle-ha site install')
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"

state="$(cat "$MOODLE_STATE_DIR/site-state" 2>/dev/null || echo ready)"
headers=(-H "Host: $(wwwroot_host)")
if is_on "\${MOODLE_SSLPROXY:-0}"; then headers+=(-H "X-Forwarded-Proto: https"); fi
attempts="\${MOODLE_HEALTH_ATTEMPTS:-30}"
wait_seconds="\${MOODLE_HEALTH_WAIT:-5}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
problem=""
for ((attempt = 1; attempt <= attempts; attempt++)); do
  answer="$(curl -s -o "$body" -w '%{http_code} %{redirect_url}' --max-time 10 "\${headers[@]}" "$MOODLE_HEALTH_URL" || true)"
  status="\${answer%% *}"
  location="\${answer#* }"
  case "$state:$status" in
    ready:200)
      if grep -q 'id="login"' "$body" && grep -q 'name="username"' "$body"; then
        log "healthy: $MOODLE_HEALTH_URL (Host: $(wwwroot_host)) answered 200 with the login form (attempt $attempt)"
        exit 0
      fi
      problem="answered 200 without Moodle's login form" ;;
    ready:30[0-9])
      problem="redirected to $location (Moodle sends a request whose host or scheme is not the wwwroot's, $MOODLE_WWWROOT, there)" ;;
    maintenance:503)
      log "in maintenance: Moodle answered 503 as expected until 'moodle-ha site upgrade' runs (attempt $attempt)"
      exit 0 ;;
    not-installed:[23]0[0-9])
      log "Moodle answered $status; the database is not installed yet: run 'moodle-ha site install' (attempt $attempt)"
      exit 0 ;;
    *)
      problem="answered \${status:-nothing}" ;;
  esac
  log "not healthy yet: $MOODLE_HEALTH_URL $problem (state $state, attempt $attempt of $attempts)"
  sleep "$wait_seconds"
done
echo "moodle-ha: $MOODLE_HEALTH_URL (Host: $(wwwroot_host)) $problem after $attempts attempts (site state: $state)" >&2
exit 1
`;
