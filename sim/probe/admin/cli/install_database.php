<?php
// As Moodle's admin/cli/install_database.php (config.php already in place): creates the schema once.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/config.php';
$options = probe_cli_options(['agree-license' => false, 'adminpass' => '', 'adminuser' => 'admin', 'adminemail' => '',
    'fullname' => '', 'shortname' => '', 'lang' => 'en', 'summary' => '', 'supportemail' => '']);
if ($DB->get_tables()) probe_cli_exit('Tables already exist in the database; nothing installed.', 1);
if (!$options['agree-license']) probe_cli_exit('Installing needs --agree-license.', 1);
if ($options['adminpass'] === true || $options['adminpass'] === '') probe_cli_exit('Installing needs --adminpass=PASSWORD.', 1);
probe_install_schema($DB);
probe_set_version($DB, probe_code_version());
@mkdir($CFG->dataroot . '/filedir', 0777, true);
echo "Installation completed successfully.\n";
exit(0);
