<?php
// As Moodle's admin/cli/install_database.php (config.php already in place): creates the schema once.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/lib/probe.php';
$db = new ProbeDb();
if ($db->installedVersion() !== null) { fwrite(STDERR, "Database tables already present; installation aborted\n"); exit(1); }
probe_install_schema($db);
probe_set_version($db, probe_code_version());
@mkdir(probe_dataroot() . '/filedir', 0775, true);
echo "Installation completed successfully.\n";
exit(0);
