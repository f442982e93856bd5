<?php
// The probe's code version, as Moodle's version.php: upgrade.php compares it with the database.
$version = 2026112600;
$release = 'probe 1';
