<?php
require __DIR__ . '/lib/probe.php';
probe_maintenance_guard();
probe_json(200, ['app' => 'moodle-ha probe', 'version' => probe_code_version()]);
