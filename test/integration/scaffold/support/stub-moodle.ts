import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A stand-in for Moodle's code, for running the bundle's hooks and operations without Moodle (no
 * test may depend on a Moodle checkout). It keeps Moodle's contracts that the scripts rely on, and
 * is no kinder than Moodle:
 * - lib/setup.php gives $DB over a JSON "database" in shared storage (tables, config values);
 * - admin/cli/upgrade.php --is-pending exits 0 (nothing to do), 2 (code newer) or 1 with Moodle's
 *   downgradedcore message (code older than the database); without it, it upgrades;
 * - maintenance.php --enable/--disable writes/removes climaintenance.html in dataroot;
 * - install_database.php refuses when tables exist and without --adminpass, like Moodle's, and
 *   one killed mid-way leaves Moodle's upgrade lock (config upgraderunning), under which setup.php
 *   stops every script that does not define NO_UPGRADE_CHECK (found with Moodle 5.0);
 * every call is appended to a log (never the password: only whether it matched and whether it
 * was visible in the process's own command line).
 */
const SETUP_PHP = `<?php
$stubdb = getenv('STUB_DB');
$GLOBALS['DB'] = new class($stubdb) {
    public function __construct(private string $file) {}
    public function load(): array { return is_file($this->file) ? json_decode(file_get_contents($this->file), true) : ['tables' => [], 'config' => []]; }
    public function save(array $s): void { file_put_contents($this->file, json_encode($s)); }
    public function get_tables($usecache = true): array { $t = $this->load()['tables']; return $t ? array_combine($t, $t) : []; }
    public function get_records_list($table, $field, array $names): array {
        $out = [];
        foreach ($names as $n) { if (isset($this->load()['config'][$n])) { $out[] = (object) ['name' => $n, 'value' => $this->load()['config'][$n]]; } }
        return $out;
    }
    public function get_manager() { return $this; }
    public function drop_table($t): void { $s = $this->load(); $s['tables'] = array_values(array_diff($s['tables'], [$t->name])); if (!$s['tables']) { $s['config'] = []; } $this->save($s); }
};
class xmldb_table { public function __construct(public string $name) {} }
// Moodle's lib/setup.php: while the upgrade lock of an install or upgrade holds (one that was killed
// leaves it for minutes), every script without NO_UPGRADE_CHECK stops, its message on stdout.
$stubstate = $GLOBALS['DB']->load();
if (!defined('NO_UPGRADE_CHECK') && isset($stubstate['config']['upgraderunning'])) {
    if ((int) $stubstate['config']['upgraderunning'] < time()) { unset($stubstate['config']['upgraderunning']); $GLOBALS['DB']->save($stubstate); }
    else { echo "!!! Site is being upgraded, please retry later. !!!\n"; exit(1); }
}
`;

const CLI_PHP = `<?php
$script = basename(__FILE__);
$args = array_slice($_SERVER['argv'], 1);
$logged = array_map(fn ($a) => str_starts_with($a, '--adminpass=') ? '--adminpass=***' : $a, $args);
file_put_contents(getenv('STUB_LOG'), $script . ' ' . implode(' ', $logged) . "\\n", FILE_APPEND | LOCK_EX);
require(__DIR__ . '/../../config.php');
$s = $DB->load();
$version = null;
require(__DIR__ . '/../../version.php');
$dataroot = $CFG->dataroot;
if ($script === 'upgrade.php') {
    $dbversion = (float) ($s['config']['version'] ?? 0);
    if ($version < $dbversion) { fwrite(STDERR, "Error: The code you are using is older than the version recorded in the database.\\n"); exit(1); }
    if (in_array('--is-pending', $args, true)) { exit($version > $dbversion ? 2 : 0); }
    if (getenv('STUB_UPGRADE_FAILS')) { fwrite(STDERR, "upgrade failed\\n"); exit(1); }
    $s['config']['version'] = (string) $version; $DB->save($s);
} elseif ($script === 'maintenance.php') {
    if (in_array('--enable', $args, true)) { file_put_contents("$dataroot/climaintenance.html", 'maintenance'); }
    if (in_array('--disable', $args, true)) { @unlink("$dataroot/climaintenance.html"); }
} elseif ($script === 'install_database.php') {
    if ($DB->get_tables()) { fwrite(STDERR, "Database tables already present; CLI installation cannot continue.\\n"); exit(1); }
    $pass = null;
    foreach ($args as $a) { if (str_starts_with($a, '--adminpass=')) { $pass = substr($a, 12); } }
    if ($pass === null || $pass === '') { fwrite(STDERR, "You have to specify admin password.\\n"); exit(1); }
    $cmdline = (string) file_get_contents('/proc/self/cmdline');
    file_put_contents(getenv('STUB_LOG'), 'password ' . ($pass === getenv('STUB_EXPECTED_PASS') ? 'matches' : 'differs') . (str_contains($cmdline, $pass) ? ', visible in argv' : ', not in argv') . "\\n", FILE_APPEND | LOCK_EX);
    // Killed mid-way, as Moodle's installer leaves it: some tables, the version, and its upgrade lock (upgrade_set_timeout).
    if (getenv('STUB_INSTALL_DIES')) { $s['tables'] = ['config', 'user']; $s['config'] = ['version' => (string) $version, 'upgraderunning' => (string) (time() + 300)]; $DB->save($s); exit(255); }
    $s['tables'] = ['config', 'user', 'course']; $s['config'] = ['version' => (string) $version, 'rolesactive' => '1']; $DB->save($s);
} elseif ($script === 'cron.php') {
    $release = getenv('STUB_CRON_RELEASE');
    while ($release && !file_exists($release)) { usleep(20000); }
}
exit(0);
`;

export const STUB_CLI_SCRIPTS = ['upgrade.php', 'maintenance.php', 'purge_caches.php', 'cron.php', 'install_database.php'];

/** Writes a stub Moodle code tree (classic layout, or Moodle 5.1's public/) at `code`. */
export function writeStubMoodle(code: string, version: string, layout: 'classic' | 'public' = 'classic'): void {
  const root = layout === 'public' ? path.join(code, 'public') : code;
  const cli = path.join(root, 'admin', 'cli');
  fs.mkdirSync(cli, { recursive: true });
  fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(root, 'version.php'), `<?php $version = ${version}; $release = '5.0 stub';`);
  fs.writeFileSync(path.join(root, 'lib', 'setup.php'), SETUP_PHP);
  for (const script of STUB_CLI_SCRIPTS) fs.writeFileSync(path.join(cli, script), layout === 'public' ? CLI_PHP.replace("'/../../config.php'", "'/../../../config.php'") : CLI_PHP);
}

/** A fake AWS CLI (no AWS account is reachable): logs each call; get-secret-value prints STUB_SECRET. */
export const FAKE_AWS = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$STUB_AWS_LOG"
case "$*" in
  *"secretsmanager get-secret-value"*) printf '%s\\n' "$STUB_SECRET" ;;
  *"describe-db-cluster-snapshots"*) grep -q "create-db-cluster-snapshot" "$STUB_AWS_LOG" || exit 254 ;;
esac
`;
