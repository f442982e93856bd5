<?php
// The front page. Like Moodle's, it reads site data through the application cache (the stores
// moodledata/muc/config.php maps: Redis, or the file store in $CFG->cachedir, shared by the nodes):
// after an upgrade it shows the old data until admin/cli/purge_caches.php empties them, as Moodle does.
require __DIR__ . '/config.php';
$site = probe_app_cache('site', fn() => ['installedVersion' => $CFG->version, 'cachedAt' => time()]);
probe_json(200, ['app' => 'moodle-ha probe', 'version' => probe_code_version(), 'site' => $site]);
