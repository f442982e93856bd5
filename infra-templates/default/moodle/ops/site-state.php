<?php
// Prints the site's state, read from the database through config.php:
//   not-installed                       no tables with the prefix
//   partial <why>                       tables, but the first install did not finish
//   installed <db version> <code version>
// With --drop-partial, drops the tables of an unfinished install (refused for a finished one).
if (PHP_SAPI !== 'cli' || $argc < 2 || $argc > 3 || ($argc === 3 && $argv[2] !== '--drop-partial')) {
    fwrite(STDERR, "usage: php site-state.php CODE_DIR [--drop-partial]\n");
    exit(2);
}
define('CLI_SCRIPT', true);
define('CACHE_DISABLE_ALL', true);
// An install or upgrade that was killed leaves Moodle's upgrade lock (config upgraderunning) for
// minutes, and setup.php then refuses every script with "Site is being upgraded". This one only
// reads (or drops an unfinished install's tables under the deploy lock), so it must still answer.
define('NO_UPGRADE_CHECK', true);
$moodlehacode = rtrim($argv[1], '/');
$moodlehadrop = $argc === 3;
require($moodlehacode . '/config.php');

$codeversion = null;
$version = null;
require(is_file($moodlehacode . '/public/version.php') ? $moodlehacode . '/public/version.php' : $moodlehacode . '/version.php');
$codeversion = $version;

$tables = $DB->get_tables(false);
if (!$tables) {
    echo "not-installed\n";
    exit(0);
}
$config = [];
if (isset($tables['config'])) {
    foreach ($DB->get_records_list('config', 'name', ['version', 'rolesactive', 'upgraderunning']) as $row) {
        $config[$row->name] = $row->value;
    }
}
if (!empty($config['rolesactive'])) {
    if ($moodlehadrop) {
        fwrite(STDERR, "moodle-ha: refusing to drop tables: the site is installed\n");
        exit(1);
    }
    echo 'installed ' . ($config['version'] ?? '0') . ' ' . $codeversion . "\n";
    exit(0);
}
$why = count($tables) . ' tables with prefix ' . $CFG->prefix . ', ' .
    (isset($config['version']) ? 'core version ' . $config['version'] . ' recorded but the install never finished' : 'no core version recorded') .
    (!empty($config['upgraderunning']) && $config['upgraderunning'] > time() ? ' (its upgrade lock holds until ' . gmdate('H:i:s', (int) $config['upgraderunning']) . ' UTC)' : '');
if ($moodlehadrop) {
    $dbman = $DB->get_manager();
    foreach (array_keys($tables) as $table) {
        $dbman->drop_table(new xmldb_table($table));
    }
    echo 'dropped ' . count($tables) . " tables\n";
    exit(0);
}
echo "partial $why\n";
