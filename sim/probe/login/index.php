<?php
// The login page: the URL validate-service and the replica's readiness check ask for, as on Moodle.
require dirname(__DIR__) . '/config.php';
header('Content-Type: text/html');
echo '<!doctype html><title>Log in</title><form method="post" action="../login.php"><input name="user"></form><p>probe login page on ', htmlspecialchars(probe_node()), "</p>\n";
