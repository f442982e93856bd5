<?php
// Liveness of this node only (PHP answers); the LB and Docker's health check use it.
require __DIR__ . '/lib/probe.php';
probe_json(200, ['status' => 'ok', 'version' => probe_code_version()]);
