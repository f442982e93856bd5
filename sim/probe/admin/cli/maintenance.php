<?php
// As Moodle's admin/cli/maintenance.php: --enable writes climaintenance.html in the dataroot (every
// page then answers 503 with it), --disable removes it. Needs the database, as Moodle's does.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/config.php';
$options = probe_cli_options(['enable' => false, 'enablelater' => false, 'enableold' => false, 'disable' => false, 'help' => false]);
$file = $CFG->dataroot . '/climaintenance.html';
if ($options['enable']) {
    if (!file_exists($file)) {
        file_put_contents($file, '<!doctype html><title>Maintenance</title><p>This site is being upgraded. Back soon.</p>');
        @chmod($file, 0666);
    }
    echo "CLI maintenance mode is on: the web answers 503.\n";
    exit(0);
}
if ($options['disable']) {
    if (file_exists($file)) unlink($file);
    echo "Maintenance mode is off.\n";
    exit(0);
}
if ($options['enablelater'] !== false || $options['enableold']) probe_cli_exit('The probe implements only --enable and --disable.', 1);
echo file_exists($file) ? "Status: enabled\n" : "Status: disabled\n";
exit(0);
