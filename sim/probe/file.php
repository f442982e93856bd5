<?php
// GET ?hash=H: the stored bytes, from whichever node answers (the dataroot is shared).
require __DIR__ . '/config.php';
session_write_close();
$hash = (string)($_GET['hash'] ?? '');
if (!preg_match('/^[0-9a-f]{40}$/', $hash)) probe_fail(400, 'hash', 'Bad hash');
$path = probe_content_path($hash);
if (!is_file($path)) probe_fail(404, 'missing', 'No such file');
header('Content-Type: application/octet-stream');
header('Content-Length: ' . filesize($path));
readfile($path);
