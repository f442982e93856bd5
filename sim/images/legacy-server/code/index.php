<?php
// The legacy probe site's front page: proves Apache + PHP + the database answer. As Moodle's
// lib/setup.php, climaintenance.html in the dataroot turns every page into a 503 with its text.
require __DIR__ . '/config.php';
if (file_exists("$CFG->dataroot/climaintenance.html")) {
    header('HTTP/1.1 503 Moodle under maintenance');
    header('Retry-After: 300');
    readfile("$CFG->dataroot/climaintenance.html");
    exit;
}
$db = new mysqli($CFG->dbhost, $CFG->dbuser, $CFG->dbpass, $CFG->dbname);
$n = $db->query("SELECT COUNT(*) FROM {$CFG->prefix}user")->fetch_row()[0];
echo "Legacy Moodle probe site: $n users\n";
