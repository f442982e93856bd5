<?php
require __DIR__ . '/config.php';
probe_json(200, ['app' => 'moodle-ha probe', 'version' => probe_code_version()]);
