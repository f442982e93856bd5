<?php
// The legacy probe site's front page: proves Apache + PHP + the database answer.
require __DIR__ . '/config.php';
$db = new mysqli($CFG->dbhost, $CFG->dbuser, $CFG->dbpass, $CFG->dbname);
$n = $db->query("SELECT COUNT(*) FROM {$CFG->prefix}user")->fetch_row()[0];
echo "Legacy Moodle probe site: $n users\n";
