/**
 * moodle/ops/: the site operations (first install, upgrade) and the deploy gate. after-install.sh
 * installs them, with hooks/common.sh, in MOODLE_OPS_DIR (/opt/moodle-ha/ops, root-owned, local
 * disk); the stack's SSM documents run install.sh and upgrade.sh there on one node.
 */

/** Sourced by the ops scripts after common.sh: the site's state, the upgrade check, maintenance. */
export const SITE_LIB_SH = `#!/usr/bin/env bash
# Helpers of the site operations, sourced after common.sh. Everything in shared moodledata is
# read and written as the web user (as_web_user); root never follows a path there.
# shellcheck disable=SC2034  # the variables set here are read by the scripts that source this file

OPS_HERE="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
AWAITING_FILE="$MOODLE_DATA_DIR/.moodle-ha/awaiting-upgrade"

# Sets SITE (not-installed | partial | installed), SITE_DB and SITE_CODE (versions), SITE_WHY.
read_site_state() {
  local line
  line="$(as_web_user "$MOODLE_PHP" "$OPS_HERE/site-state.php" "$MOODLE_CODE_DIR")" || {
    # Moodle prints its own error on stdout, which was captured: show it.
    [[ -n "$line" ]] && echo "$line" >&2
    echo "moodle-ha: cannot read the site's state from the database (Moodle's message above)" >&2
    return 1
  }
  SITE="\${line%% *}"
  SITE_DB=""
  SITE_CODE=""
  SITE_WHY=""
  case "$SITE" in
    installed) read -r _ SITE_DB SITE_CODE <<<"$line" ;;
    partial) SITE_WHY="\${line#partial }" ;;
    not-installed) ;;
    *) echo "moodle-ha: unexpected site state '$line'" >&2; return 1 ;;
  esac
}

# Sets UPGRADE (none | pending | downgrade | failed) and UPGRADE_OUTPUT (Moodle's words), from
# upgrade.php --is-pending: 0 nothing to do, 2 pending, 1 an error (a downgrade among others).
upgrade_check() {
  local code
  set +e
  UPGRADE_OUTPUT="$(moodle_cli upgrade.php --is-pending 2>&1)"
  code=$?
  set -e
  case $code in
    0) UPGRADE=none ;;
    2) UPGRADE=pending ;;
    *)
      # shellcheck disable=SC2016  # PHP code, not shell
      if [[ -n "$SITE_DB" ]] && "$MOODLE_PHP" -r 'exit((float) $argv[1] < (float) $argv[2] ? 0 : 1);' "$SITE_CODE" "$SITE_DB"; then
        UPGRADE=downgrade
      else
        UPGRADE=failed
      fi ;;
  esac
}

# Code older than the database: a clear stop. Nothing is changed, nothing is installed or rolled back.
downgrade_stop() {
  cat >&2 <<EOF
moodle-ha: STOP: the code on this node (version $SITE_CODE) is older than the database (version $SITE_DB).
Moodle cannot downgrade (upgrade.php: "$(tail -n 1 <<<"$UPGRADE_OUTPUT")").
Nothing was changed. Deploy a release at least as new as the database; to go back to the old
release, restore the database snapshot taken before the upgrade (named *-pre-upgrade-*) and then
deploy the old code. Do not retry this deployment or roll back to older code.
EOF
}

maintenance_is_on() { as_web_user test -e "$MOODLE_DATA_DIR/climaintenance.html"; }
maintenance_on() { if ! maintenance_is_on; then moodle_cli maintenance.php --enable >&2; fi; }
maintenance_off() { moodle_cli maintenance.php --disable >&2; }
awaiting_version() { as_web_user cat "$AWAITING_FILE" 2>/dev/null || true; }
# shellcheck disable=SC2016  # expanded by the inner shell
mark_awaiting() { as_web_user bash -c 'printf "%s\\n" "$1" > "$2"' _ "$1" "$AWAITING_FILE"; }
clear_awaiting() { as_web_user rm -f "$AWAITING_FILE"; }
configure_muc() { as_web_user "$MOODLE_PHP" "$OPS_HERE/configure-muc.php" "$MOODLE_CODE_DIR" >&2; }
`;

/** Runs in after-install.sh as the web user, holding the deploy lock. Prints the site's state. */
export const DEPLOY_GATE_SH = `#!/usr/bin/env bash
# The deploy's site check, run by hooks/after-install.sh as the web user while it holds the
# fleet-wide deploy lock. Prints the site's state on stdout (ready | maintenance | not-installed);
# everything else goes to stderr. It never installs and never upgrades the database.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "\${BASH_SOURCE[0]}")/site-lib.sh"
exec 3>&1 1>&2

read_site_state
case "$SITE" in
  not-installed)
    log "Moodle is not installed in this database yet: when this deployment has finished, run 'moodle-ha site install --stack <stack>'"
    echo not-installed >&3
    exit 0 ;;
  partial)
    log "a first install did not finish ($SITE_WHY): run 'moodle-ha site install --stack <stack> --reset-partial'"
    echo not-installed >&3
    exit 0 ;;
esac

upgrade_check
case "$UPGRADE" in
  none)
    if [[ -n "$(awaiting_version)" ]]; then
      log "maintenance stays on: release $(awaiting_version) was deployed and waits for 'moodle-ha site upgrade' (which also ends maintenance when nothing is pending)"
      echo maintenance >&3
    elif maintenance_is_on; then
      log "the site is in maintenance mode (set by an administrator); leaving it on"
      echo maintenance >&3
    else
      configure_muc
      log "no upgrade pending (database and code at version $SITE_DB)"
      echo ready >&3
    fi ;;
  pending)
    maintenance_on
    mark_awaiting "$SITE_CODE"
    log "this code (version $SITE_CODE) is newer than the database (version $SITE_DB): maintenance is on for every node"
    log "when the deployment has finished on every node, run 'moodle-ha site upgrade --stack <stack>' (snapshot, upgrade, purge caches, maintenance off)"
    echo maintenance >&3 ;;
  downgrade)
    downgrade_stop
    exit 3 ;;
  *)
    echo "moodle-ha: the upgrade check failed: $UPGRADE_OUTPUT" >&2
    exit 1 ;;
esac
`;

/** ops/install.sh: the first install, one explicit operation. */
export const INSTALL_SH = `#!/usr/bin/env bash
# First install of Moodle's database: 'moodle-ha site install --stack NAME' runs this on one web
# server (the stack's install SSM document), after the first deployment put the code there.
# The admin password comes from Secrets Manager (MOODLE_ADMIN_SECRET_ARN) through a pipe into
# PHP's stdin: never on a command line, in the environment or on disk.
# Safe to run again: an installed site is left alone. A half-finished install (tables, but no
# finished site) is detected and explained; --reset-partial drops its tables so this run starts
# clean (never those of a finished site). Moodle's own database user must exist already.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "\${BASH_SOURCE[0]}")/site-lib.sh"

reset=0
for arg in "$@"; do
  case "$arg" in
    --reset-partial) reset=1 ;;
    *) echo "usage: install.sh [--reset-partial]" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$MOODLE_CODE_DIR/config.php" ]]; then
  echo "moodle-ha: no $MOODLE_CODE_DIR/config.php on this node: publish the code and let the deployment finish first" >&2
  exit 1
fi
if [[ -z "\${MOODLE_ADMIN_SECRET_ARN:-}" ]]; then
  echo "moodle-ha: MOODLE_ADMIN_SECRET_ARN is not set (/etc/moodle-ha/moodle.env): the admin password's secret is unknown" >&2
  exit 1
fi

read_site_state
case "$SITE" in
  installed)
    log "Moodle is already installed (database version $SITE_DB); nothing to do"
    exit 0 ;;
  partial)
    if [[ $reset -eq 0 ]]; then
      cat >&2 <<EOF
moodle-ha: a first install did not finish: $SITE_WHY.
Moodle cannot resume an interrupted install. Run 'moodle-ha site install --stack <stack> --reset-partial'
to drop the unfinished site's tables (only an unfinished site's) and install again.
EOF
      exit 4
    fi
    log "dropping the tables of the unfinished install ($SITE_WHY)"
    with_deploy_lock "$MOODLE_PHP" "$OPS_HERE/site-state.php" "$MOODLE_CODE_DIR" --drop-partial >&2 ;;
esac

log "installing Moodle's database (admin password from $MOODLE_ADMIN_SECRET_ARN)"
aws_cli secretsmanager get-secret-value --secret-id "$MOODLE_ADMIN_SECRET_ARN" --query SecretString --output text \\
  | with_deploy_lock "$MOODLE_PHP" "$OPS_HERE/install-site.php" "$MOODLE_CODE_DIR"
configure_muc
mkdir -p "$MOODLE_STATE_DIR"
echo ready > "$MOODLE_STATE_DIR/site-state"
log "installed: sign in at $MOODLE_WWWROOT as \${MOODLE_ADMIN_USER:-admin} with the password in $MOODLE_ADMIN_SECRET_ARN"
`;

/** ops/upgrade.sh: snapshot → maintenance on → upgrade → purge → maintenance off, once for the fleet. */
export const UPGRADE_SH = `#!/usr/bin/env bash
# Upgrade Moodle's database to the code now on every web server: 'moodle-ha site upgrade --stack
# NAME' runs this on one of them (the stack's upgrade SSM document) once the deployment of the new
# release has finished on the last node (until then after-install.sh keeps the whole fleet in
# maintenance). Steps: database snapshot, maintenance on, upgrade, purge caches, maintenance off.
# Safe to run twice: with nothing pending it only finishes an earlier run (purge, maintenance off).
# Code older than the database is a clear stop: nothing is changed.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "\${BASH_SOURCE[0]}")/site-lib.sh"

if [[ $# -gt 0 ]]; then echo "usage: upgrade.sh" >&2; exit 2; fi

read_site_state
if [[ "$SITE" != installed ]]; then
  echo "moodle-ha: Moodle is not installed (state: $SITE $SITE_WHY): run 'moodle-ha site install' first" >&2
  exit 1
fi
upgrade_check
case "$UPGRADE" in
  downgrade) downgrade_stop; exit 3 ;;
  failed) echo "moodle-ha: the upgrade check failed: $UPGRADE_OUTPUT" >&2; exit 1 ;;
  none)
    if [[ -z "$(awaiting_version)" ]]; then
      log "no upgrade pending (database and code at version $SITE_DB); nothing to do"
      exit 0
    fi
    log "no upgrade pending, but an earlier run did not finish: purging caches and ending maintenance"
    with_deploy_lock bash "$OPS_HERE/upgrade-steps.sh" finish
    exit 0 ;;
esac

# A snapshot before anything changes: the only way back from an upgrade.
snapshot="$(printf '%s-pre-upgrade-%s-to-%s' "\${MOODLE_STACK_NAME:-moodle}" "$SITE_DB" "$SITE_CODE" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9\\n' '-' | tr -s '-')"
if [[ -n "\${MOODLE_DB_CLUSTER_ID:-}" ]]; then
  if ! aws_cli rds describe-db-cluster-snapshots --db-cluster-snapshot-identifier "$snapshot" >/dev/null 2>&1; then
    log "snapshot $snapshot of cluster $MOODLE_DB_CLUSTER_ID"
    aws_cli rds create-db-cluster-snapshot --db-cluster-identifier "$MOODLE_DB_CLUSTER_ID" --db-cluster-snapshot-identifier "$snapshot" >/dev/null
  fi
  aws_cli rds wait db-cluster-snapshot-available --db-cluster-snapshot-identifier "$snapshot"
  log "snapshot $snapshot is available"
elif [[ -n "\${MOODLE_DB_INSTANCE_ID:-}" ]]; then
  if ! aws_cli rds describe-db-snapshots --db-snapshot-identifier "$snapshot" >/dev/null 2>&1; then
    log "snapshot $snapshot of instance $MOODLE_DB_INSTANCE_ID"
    aws_cli rds create-db-snapshot --db-instance-identifier "$MOODLE_DB_INSTANCE_ID" --db-snapshot-identifier "$snapshot" >/dev/null
  fi
  aws_cli rds wait db-snapshot-available --db-snapshot-identifier "$snapshot"
  log "snapshot $snapshot is available"
elif [[ "\${MOODLE_DB_SNAPSHOT:-}" == none ]]; then
  log "no database snapshot (MOODLE_DB_SNAPSHOT=none)"
else
  echo "moodle-ha: neither MOODLE_DB_CLUSTER_ID nor MOODLE_DB_INSTANCE_ID is set, so no snapshot can be taken; set MOODLE_DB_SNAPSHOT=none to upgrade without one" >&2
  exit 1
fi
log "upgrading from $SITE_DB to $SITE_CODE"
with_deploy_lock bash "$OPS_HERE/upgrade-steps.sh" upgrade
`;

/** ops/upgrade-steps.sh: the part of the upgrade that runs as the web user, under the lock. */
export const UPGRADE_STEPS_SH = `#!/usr/bin/env bash
# The steps of upgrade.sh that touch Moodle, run as the web user holding the deploy lock.
#   upgrade   maintenance on, upgrade, purge caches, MUC store, maintenance off
#   finish    purge caches, MUC store, maintenance off (an earlier run stopped after its upgrade)
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "\${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=SCRIPTDIR/site-lib.sh
source "$(dirname "\${BASH_SOURCE[0]}")/site-lib.sh"

case "\${1:-}" in
  upgrade)
    maintenance_on
    log "maintenance on; running upgrade.php"
    if ! moodle_cli upgrade.php --non-interactive >&2; then
      echo "moodle-ha: the upgrade failed; the site stays in maintenance. Fix the cause and run 'moodle-ha site upgrade' again (Moodle continues where it stopped), or restore the pre-upgrade snapshot and deploy the old code." >&2
      exit 1
    fi ;;
  finish) ;;
  *) echo "usage: upgrade-steps.sh upgrade|finish" >&2; exit 2 ;;
esac
log "purging caches (every node has the new code)"
moodle_cli purge_caches.php >&2
configure_muc
clear_awaiting
maintenance_off
log "maintenance off: the site is open"
`;

/** ops/site-state.php: what the database holds. */
export const SITE_STATE_PHP = `<?php
// Prints the site's state, read from the database through config.php:
//   not-installed                       no tables with the prefix
//   partial <why>                       tables, but the first install did not finish
//   installed <db version> <code version>
// With --drop-partial, drops the tables of an unfinished install (refused for a finished one).
if (PHP_SAPI !== 'cli' || $argc < 2 || $argc > 3 || ($argc === 3 && $argv[2] !== '--drop-partial')) {
    fwrite(STDERR, "usage: php site-state.php CODE_DIR [--drop-partial]\\n");
    exit(2);
}
define('CLI_SCRIPT', true);
define('CACHE_DISABLE_ALL', true);
// An install or upgrade that was killed leaves Moodle's upgrade lock (config upgraderunning) for
// minutes, and setup.php then refuses every script with "Site is being upgraded". This one only
// reads (or drops an unfinished install's tables under the deploy lock), so it must still answer.
define('NO_UPGRADE_CHECK', true);
$moodlehacode = rtrim($argv[1], '/');
$moodlehadrop = $argc === 3;
require($moodlehacode . '/config.php');

$codeversion = null;
$version = null;
require(is_file($moodlehacode . '/public/version.php') ? $moodlehacode . '/public/version.php' : $moodlehacode . '/version.php');
$codeversion = $version;

$tables = $DB->get_tables(false);
if (!$tables) {
    echo "not-installed\\n";
    exit(0);
}
$config = [];
if (isset($tables['config'])) {
    foreach ($DB->get_records_list('config', 'name', ['version', 'rolesactive', 'upgraderunning']) as $row) {
        $config[$row->name] = $row->value;
    }
}
if (!empty($config['rolesactive'])) {
    if ($moodlehadrop) {
        fwrite(STDERR, "moodle-ha: refusing to drop tables: the site is installed\\n");
        exit(1);
    }
    echo 'installed ' . ($config['version'] ?? '0') . ' ' . $codeversion . "\\n";
    exit(0);
}
$why = count($tables) . ' tables with prefix ' . $CFG->prefix . ', ' .
    (isset($config['version']) ? 'core version ' . $config['version'] . ' recorded but the install never finished' : 'no core version recorded') .
    (!empty($config['upgraderunning']) && $config['upgraderunning'] > time() ? ' (its upgrade lock holds until ' . gmdate('H:i:s', (int) $config['upgraderunning']) . ' UTC)' : '');
if ($moodlehadrop) {
    $dbman = $DB->get_manager();
    foreach (array_keys($tables) as $table) {
        $dbman->drop_table(new xmldb_table($table));
    }
    echo 'dropped ' . count($tables) . " tables\\n";
    exit(0);
}
echo "partial $why\\n";
`;

/** ops/install-site.php: Moodle's installer with the admin password from stdin. */
export const INSTALL_SITE_PHP = `<?php
// Runs Moodle's own installer (admin/cli/install_database.php) with the admin password read from
// stdin (a Secrets Manager SecretString: the password itself, or JSON with a "password" field),
// so it never appears on a command line (ps, /proc) or on disk. Other options from the
// environment: MOODLE_ADMIN_USER, MOODLE_ADMIN_EMAIL, MOODLE_SITE_FULLNAME, MOODLE_SITE_SHORTNAME,
// MOODLE_SITE_LANG. Usage: <secret> | php install-site.php CODE_DIR
if (PHP_SAPI !== 'cli' || $argc !== 2) {
    fwrite(STDERR, "usage: <secret> | php install-site.php CODE_DIR\\n");
    exit(2);
}
$moodlehasecret = rtrim((string) stream_get_contents(STDIN), "\\r\\n");
$moodlehajson = json_decode($moodlehasecret, true);
$moodlehapass = is_array($moodlehajson) ? ($moodlehajson['password'] ?? '') : $moodlehasecret;
unset($moodlehasecret, $moodlehajson);
if (!is_string($moodlehapass) || $moodlehapass === '') {
    fwrite(STDERR, "moodle-ha: the admin secret is empty, or JSON without a \\"password\\" field\\n");
    exit(2);
}
$moodlehacode = rtrim($argv[1], '/');
$moodlehacli = is_dir($moodlehacode . '/public/admin/cli') ? $moodlehacode . '/public/admin/cli' : $moodlehacode . '/admin/cli';
$moodlehaoptions = [
    '--agree-license',
    '--adminpass=' . $moodlehapass,
    '--lang=' . (getenv('MOODLE_SITE_LANG') ?: 'en'),
    '--fullname=' . (getenv('MOODLE_SITE_FULLNAME') ?: 'Moodle'),
    '--shortname=' . (getenv('MOODLE_SITE_SHORTNAME') ?: 'moodle'),
];
foreach (['MOODLE_ADMIN_USER' => 'adminuser', 'MOODLE_ADMIN_EMAIL' => 'adminemail'] as $moodlehaenv => $moodlehaopt) {
    $moodlehavalue = getenv($moodlehaenv);
    if ($moodlehavalue !== false && $moodlehavalue !== '') {
        $moodlehaoptions[] = "--$moodlehaopt=$moodlehavalue";
    }
}
unset($moodlehapass);
// Moodle's cli_get_params() reads $_SERVER['argv']; the process's own argv stays as it was.
$_SERVER['argv'] = $argv = array_merge([$moodlehacli . '/install_database.php'], $moodlehaoptions);
$_SERVER['argc'] = $argc = count($argv);
unset($moodlehaoptions);
require($moodlehacli . '/install_database.php');
`;

/** ops/configure-muc.php: Moodle's application cache on Redis/Valkey. */
export const CONFIGURE_MUC_PHP = `<?php
// Puts Moodle's application cache (MUC) on a Redis/Valkey store of its own, separate from the
// sessions, through Moodle's cache configuration API: the change the admin page "Caching >
// Configuration" makes, saved in moodledata/muc/config.php and so shared by every node.
// Idempotent (adds or updates the store moodle_ha_redis and the application mode mapping); run
// after install and upgrade. Without MOODLE_MUC_REDIS_HOST it does nothing.
if (PHP_SAPI !== 'cli' || $argc !== 2) {
    fwrite(STDERR, "usage: php configure-muc.php CODE_DIR\\n");
    exit(2);
}
$moodlehahost = (string) getenv('MOODLE_MUC_REDIS_HOST');
if ($moodlehahost === '') {
    echo "moodle-ha: no MOODLE_MUC_REDIS_HOST: Moodle's application cache stays in the file store\\n";
    exit(0);
}
define('CLI_SCRIPT', true);
require(rtrim($argv[1], '/') . '/config.php');

$moodlehatls = in_array(strtolower((string) getenv('MOODLE_MUC_REDIS_TLS')), ['1', 'true', 'yes', 'on'], true);
$moodlehacafile = '';
if ($moodlehatls) {
    // Moodle's Redis store turns certificate checks off when no CA file is given: give the system's.
    foreach ([getenv('MOODLE_MUC_REDIS_CAFILE'), '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/certs/ca-certificates.crt'] as $moodlehacandidate) {
        if ($moodlehacandidate && is_readable($moodlehacandidate)) {
            $moodlehacafile = $moodlehacandidate;
            break;
        }
    }
    if ($moodlehacafile === '') {
        fwrite(STDERR, "moodle-ha: MOODLE_MUC_REDIS_TLS is on but no CA bundle was found; set MOODLE_MUC_REDIS_CAFILE\\n");
        exit(1);
    }
}
$moodlehastore = [
    'server' => $moodlehahost . ':' . ((string) getenv('MOODLE_MUC_REDIS_PORT') ?: '6379'),
    'prefix' => 'mdl_muc_',
    'password' => '',
    'serializer' => 1,
    'compressor' => 0,
    'encryption' => $moodlehatls,
    'cafile' => $moodlehacafile,
    'clustermode' => false,
];
$moodlehawriter = \\core_cache\\config_writer::instance();
if (array_key_exists('moodle_ha_redis', $moodlehawriter->get_all_stores())) {
    $moodlehawriter->edit_store_instance('moodle_ha_redis', 'redis', $moodlehastore);
} else {
    $moodlehawriter->add_store_instance('moodle_ha_redis', 'redis', $moodlehastore);
}
$moodlehawriter->set_mode_mappings([
    \\core_cache\\store::MODE_APPLICATION => ['moodle_ha_redis', 'default_application'],
    \\core_cache\\store::MODE_SESSION => ['default_session'],
    \\core_cache\\store::MODE_REQUEST => ['default_request'],
]);
echo "moodle-ha: Moodle's application cache uses Redis at {$moodlehastore['server']}" . ($moodlehatls ? ' with TLS' : '') . "\\n";
`;
