<?php
// The login page: the URL validate-service and the replica's readiness check ask for. Same shape as
// Moodle's (a form with id="login" and a username field), which is what validate-service looks for.
require dirname(__DIR__) . '/config.php';
header('Content-Type: text/html');
echo '<!doctype html><title>Log in</title>',
    '<form id="login" method="post" action="../login.php"><input name="username" id="username"><input type="password" name="password"></form>',
    '<p>probe login page on ', htmlspecialchars(probe_node()), "</p>\n";
