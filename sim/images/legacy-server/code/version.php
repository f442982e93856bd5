<?php
// Replaced at seed time with MHA_SEED_VERSION (a newer or older "Moodle" than the target).
$version = 2026112600;
$release = 'probe 1';
