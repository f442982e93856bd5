<?php
// POST user=NAME: a new logged-in session, as Moodle's login does (new id, user in $_SESSION).
require __DIR__ . '/lib/probe.php';
probe_maintenance_guard();
if ($_SERVER['REQUEST_METHOD'] !== 'POST') probe_fail(405, 'method', 'POST only');
$db = probe_db();
probe_session_start();
session_regenerate_id(true);
$_SESSION['user'] = (string)($_POST['user'] ?? 'guest');
$_SESSION['since'] = time();
probe_record_hit($db, 'login');
probe_json(200, ['loggedIn' => true, 'user' => $_SESSION['user']]);
