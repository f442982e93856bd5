<?php
// As Moodle's admin/cli/maintenance.php: --enable writes climaintenance.html in the dataroot, --disable removes it.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/lib/probe.php';
$file = probe_dataroot() . '/climaintenance.html';
$args = array_slice($argv, 1);
if (in_array('--enable', $args, true)) {
    file_put_contents($file, '<!doctype html><title>Maintenance</title><p>This site is being upgraded.</p>');
    echo "== Maintenance mode (CLI) enabled ==\n";
} else if (in_array('--disable', $args, true)) {
    @unlink($file);
    echo "== Maintenance mode disabled ==\n";
} else {
    echo is_file($file) ? "Status: CLI maintenance mode enabled\n" : "Status: disabled\n";
}
exit(0);
