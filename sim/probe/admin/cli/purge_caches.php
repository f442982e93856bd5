<?php
// As Moodle's admin/cli/purge_caches.php: empties the shared cachedir (and this node's local one).
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/lib/probe.php';
foreach ([probe_dataroot() . '/cache', '/var/cache/moodle'] as $dir) {
    if (!is_dir($dir)) continue;
    $items = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
    foreach ($items as $item) { $item->isDir() ? @rmdir($item->getPathname()) : @unlink($item->getPathname()); }
}
echo "Caches purged\n";
exit(0);
