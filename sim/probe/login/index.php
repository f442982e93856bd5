<?php
// Moodle's default health URL answers 200 (or 503 in maintenance mode), like the real login page.
require dirname(__DIR__) . '/lib/probe.php';
probe_maintenance_guard();
header('Content-Type: text/html');
echo '<!doctype html><title>Log in</title><p>probe login page on ', htmlspecialchars(probe_node()), "</p>\n";
