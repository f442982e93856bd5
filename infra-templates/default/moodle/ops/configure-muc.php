<?php
// Puts Moodle's application cache (MUC) on a Redis/Valkey store of its own, separate from the
// sessions, through Moodle's cache configuration API: the change the admin page "Caching >
// Configuration" makes, saved in moodledata/muc/config.php and so shared by every node.
// Idempotent (adds or updates the store moodle_ha_redis and the application mode mapping); run
// after install and upgrade. Without MOODLE_MUC_REDIS_HOST it does nothing.
if (PHP_SAPI !== 'cli' || $argc !== 2) {
    fwrite(STDERR, "usage: php configure-muc.php CODE_DIR\n");
    exit(2);
}
$moodlehahost = (string) getenv('MOODLE_MUC_REDIS_HOST');
if ($moodlehahost === '') {
    echo "moodle-ha: no MOODLE_MUC_REDIS_HOST: Moodle's application cache stays in the file store\n";
    exit(0);
}
define('CLI_SCRIPT', true);
require(rtrim($argv[1], '/') . '/config.php');

$moodlehatls = in_array(strtolower((string) getenv('MOODLE_MUC_REDIS_TLS')), ['1', 'true', 'yes', 'on'], true);
$moodlehacafile = '';
if ($moodlehatls) {
    // Moodle's Redis store turns certificate checks off when no CA file is given: give the system's.
    foreach ([getenv('MOODLE_MUC_REDIS_CAFILE'), '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/certs/ca-certificates.crt'] as $moodlehacandidate) {
        if ($moodlehacandidate && is_readable($moodlehacandidate)) {
            $moodlehacafile = $moodlehacandidate;
            break;
        }
    }
    if ($moodlehacafile === '') {
        fwrite(STDERR, "moodle-ha: MOODLE_MUC_REDIS_TLS is on but no CA bundle was found; set MOODLE_MUC_REDIS_CAFILE\n");
        exit(1);
    }
}
$moodlehastore = [
    'server' => $moodlehahost . ':' . ((string) getenv('MOODLE_MUC_REDIS_PORT') ?: '6379'),
    'prefix' => 'mdl_muc_',
    'password' => '',
    'serializer' => 1,
    'compressor' => 0,
    'encryption' => $moodlehatls,
    'cafile' => $moodlehacafile,
    'clustermode' => false,
];
$moodlehawriter = \core_cache\config_writer::instance();
if (array_key_exists('moodle_ha_redis', $moodlehawriter->get_all_stores())) {
    $moodlehawriter->edit_store_instance('moodle_ha_redis', 'redis', $moodlehastore);
} else {
    $moodlehawriter->add_store_instance('moodle_ha_redis', 'redis', $moodlehastore);
}
$moodlehawriter->set_mode_mappings([
    \core_cache\store::MODE_APPLICATION => ['moodle_ha_redis', 'default_application'],
    \core_cache\store::MODE_SESSION => ['default_session'],
    \core_cache\store::MODE_REQUEST => ['default_request'],
]);
echo "moodle-ha: Moodle's application cache uses Redis at {$moodlehastore['server']}" . ($moodlehatls ? ' with TLS' : '') . "\n";
