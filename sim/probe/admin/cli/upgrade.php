<?php
// As Moodle's admin/cli/upgrade.php. Exit codes: 1 when the database is not installed or the code is
// OLDER than the database (a refused downgrade, even with --is-pending); 0 when nothing is to do;
// --is-pending: 2 when the code is newer. Otherwise --non-interactive upgrades.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/config.php';
$options = probe_cli_options(['non-interactive' => false, 'is-pending' => false, 'allow-unstable' => false, 'lang' => 'en',
    'maintenance' => true, 'is-maintenance-required' => false, 'set-ui-upgrade-lock' => false, 'unset-ui-upgrade-lock' => false, 'verbose-settings' => false]);
if (empty($CFG->version)) probe_cli_exit('The database has no installed version: install it first (install_database.php).', 1);
$code = probe_code_version();
if ($code < $CFG->version) probe_cli_exit("Refused: the code ($code) is older than the database ($CFG->version).", 1);
if ($code === $CFG->version) probe_cli_exit("Nothing to upgrade: version $code is installed.", 0);
if ($options['is-pending']) probe_cli_exit("Upgrade pending: $CFG->version -> $code", 2);
if (!$options['non-interactive']) probe_cli_exit('The probe upgrades only with --non-interactive.', 1);
// A real Moodle upgrade takes minutes; a release made for a drill says how long ($upgradeseconds in its version.php).
$upgradeseconds = 0;
include $CFG->dirroot . '/version.php';
if ($upgradeseconds > 0) sleep((int)$upgradeseconds);
probe_install_schema($DB);
probe_set_version($DB, $code);
echo "Upgraded $CFG->version -> $code\n";
exit(0);
