<?php
// As Moodle's admin/cli/upgrade.php: --is-pending exits 2 when the code is newer than the database;
// --non-interactive upgrades. A code version OLDER than the database is refused, as Moodle does.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/lib/probe.php';
$args = array_slice($argv, 1);
$db = new ProbeDb();
$code = probe_code_version();
$installed = $db->installedVersion();
if ($installed === null) { fwrite(STDERR, "Database is not installed: run admin/cli/install_database.php\n"); exit(1); }
if ($code < $installed) { fwrite(STDERR, "Cannot downgrade from $installed to $code\n"); exit(1); }
if (in_array('--is-pending', $args, true)) {
    if ($code > $installed) { echo "An upgrade is pending ($installed -> $code)\n"; exit(2); }
    echo "No upgrade needed\n";
    exit(0);
}
if ($code === $installed) { echo "No upgrade needed\n"; exit(0); }
if (!in_array('--non-interactive', $args, true)) { fwrite(STDERR, "Use --non-interactive\n"); exit(1); }
// A real Moodle upgrade takes minutes; a release made for a drill says how long ($upgradeseconds in version.php).
$upgradeseconds = 0;
include dirname(__DIR__, 2) . '/version.php';
if ($upgradeseconds > 0) sleep((int)$upgradeseconds);
probe_install_schema($db);
probe_set_version($db, $code);
echo "Upgraded $installed -> $code\n";
exit(0);
