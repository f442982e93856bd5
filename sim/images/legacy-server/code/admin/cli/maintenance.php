<?php
// The legacy site's admin/cli/maintenance.php, as Moodle 5.0's where the cutover depends on it:
// it needs config.php (unreadable: PHP's fatal error, exit 255) and a dataroot it can write (else
// lib/setup.php's "Fatal error: $CFG->dataroot is not writable…", exit 1) and the database;
// --enable writes climaintenance.html into the dataroot (every page then answers 503) and
// --disable removes it. Like Moodle's, it does not check that its own write worked.
define('CLI_SCRIPT', true);
require __DIR__ . '/../../config.php';
if (!is_dir($CFG->dataroot)) { echo 'Fatal error: $CFG->dataroot is not configured properly, directory does not exist or is not accessible! Exiting.' . "\n"; exit(1); }
if (!is_writable($CFG->dataroot)) { echo 'Fatal error: $CFG->dataroot is not writable, admin has to fix directory permissions! Exiting.' . "\n"; exit(1); }
$options = array_fill_keys(['enable', 'disable', 'help'], false);
foreach (array_slice($argv, 1) as $arg) {
    $name = ltrim($arg, '-');
    if (!array_key_exists($name, $options)) { fwrite(STDERR, "!!! Unrecognised options:\n  $arg\nPlease use --help option.\n"); exit(1); }
    $options[$name] = true;
}
mysqli_report(MYSQLI_REPORT_OFF);
$db = @new mysqli($CFG->dbhost, $CFG->dbuser, $CFG->dbpass, $CFG->dbname);
if ($db->connect_errno) { echo "Database connection failed\n"; exit(1); }
$file = "$CFG->dataroot/climaintenance.html";
echo "== Site maintenance mode ($CFG->wwwroot) ==\n";
if ($options['enable']) {
    if (!file_exists($file)) {
        file_put_contents($file, "<!DOCTYPE html><html><head><title>Site maintenance</title></head><body><p>This site is undergoing maintenance at the moment and is not available.</p></body></html>");
        chmod($file, 0666);
    }
    echo "Your site is currently in CLI maintenance mode, no web access is allowed.\n";
    exit(0);
}
if ($options['disable']) {
    if (file_exists($file)) unlink($file);
    echo "Maintenance mode has been disabled and the site is running normally again\n";
    exit(0);
}
echo file_exists($file) ? "Status: enabled\n" : "Status: disabled\n";
