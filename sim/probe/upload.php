<?php
// POST raw bytes: stored once under the content hash in the shared dataroot, as Moodle's file pool.
require __DIR__ . '/config.php';
if ($_SERVER['REQUEST_METHOD'] !== 'POST') probe_fail(405, 'method', 'POST only');
if (!isset($_SESSION['user'])) probe_fail(401, 'login', 'Not logged in');
session_write_close();
$data = file_get_contents('php://input');
$hash = sha1($data);
$path = probe_content_path($hash);
if (!is_file($path)) {
    @mkdir(dirname($path), 0777, true);
    $tmp = $path . '.' . bin2hex(random_bytes(4)) . '.tmp';
    if (file_put_contents($tmp, $data) !== strlen($data) || !rename($tmp, $path)) probe_fail(500, 'storage', 'Cannot write to the shared dataroot');
}
try {
    if (!probe_db()->exec('SELECT contenthash FROM ' . probe_db()->t('mha_files') . ' WHERE contenthash = ?', [$hash])) {
        probe_db()->exec('INSERT INTO ' . probe_db()->t('mha_files') . ' (contenthash, size) VALUES (?, ?)', [$hash, strlen($data)]);
    }
} catch (RuntimeException $e) {
    probe_early_error('Database write failed: ' . $e->getMessage());
}
probe_json(200, ['hash' => $hash, 'size' => strlen($data)]);
