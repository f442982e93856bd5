<?php
// As Moodle's admin/cli/purge_caches.php: empties the shared cachedir, this node's localcachedir and
// every ready Redis store of the cache configuration.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/config.php';
probe_cli_options(['muc' => false, 'theme' => false, 'lang' => false, 'js' => false, 'filter' => false, 'courses' => false, 'other' => false]);
foreach (array_filter([$CFG->cachedir ?? null, $CFG->localcachedir ?? null]) as $dir) {
    if (!is_dir($dir)) continue;
    $items = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
    foreach ($items as $item) { $item->isDir() ? @rmdir($item->getPathname()) : @unlink($item->getPathname()); }
}
probe_purge_redis_stores();
exit(0);
