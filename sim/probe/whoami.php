<?php
// Whether this request's session is still logged in, and which node answered.
require __DIR__ . '/lib/probe.php';
probe_maintenance_guard();
$db = probe_db();
probe_session_start();
$user = $_SESSION['user'] ?? null;
$_SESSION['hits'] = ($_SESSION['hits'] ?? 0) + 1;
probe_record_hit($db, 'whoami');
probe_json(200, ['loggedIn' => $user !== null, 'user' => $user, 'hits' => $_SESSION['hits'], 'version' => probe_code_version()]);
