<?php
// Whether this request's session is still logged in, and which node answered. ?hold=SECONDS keeps
// the session (and its lock) for that long, as a slow Moodle page does.
require __DIR__ . '/config.php';
$user = $_SESSION['user'] ?? null;
$_SESSION['hits'] = ($_SESSION['hits'] ?? 0) + 1;
probe_record_hit('whoami');
$hold = min(60.0, max(0.0, (float)($_GET['hold'] ?? 0)));
if ($hold > 0) usleep((int)($hold * 1e6));
probe_json(200, ['loggedIn' => $user !== null, 'user' => $user, 'hits' => $_SESSION['hits'], 'version' => probe_code_version()]);
