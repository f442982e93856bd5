<?php
// POST user=NAME: a new logged-in session, as Moodle's login does (new id, user in $_SESSION).
require __DIR__ . '/config.php';
if ($_SERVER['REQUEST_METHOD'] !== 'POST') probe_fail(405, 'method', 'POST only');
session_regenerate_id(true);
$_SESSION['user'] = (string)($_POST['user'] ?? 'guest');
$_SESSION['userid'] = 2;
$_SESSION['since'] = time();
probe_record_hit('login');
probe_json(200, ['loggedIn' => true, 'user' => $_SESSION['user']]);
