<?php
// Seeds the legacy server once: database + user + config.php, Moodle-shaped tables, users with
// password_hash() hashes, courses, a log table, and a file pool at filedir/aa/bb/<sha1>.
// Sizes and flaws come from the environment, so tests and the benchmark pick their site.
$env = fn(string $k, string $d) => (getenv($k) === false || getenv($k) === '') ? $d : getenv($k);
$users = (int)$env('MHA_SEED_USERS', '50');
$courses = (int)$env('MHA_SEED_COURSES', '20');
$files = (int)$env('MHA_SEED_FILES', '2000');
$fileBytes = (int)$env('MHA_SEED_FILE_BYTES', '2048');
$logRows = (int)$env('MHA_SEED_LOG_ROWS', '20000');
$version = (int)$env('MHA_SEED_VERSION', '2026112600');
$flaws = array_filter(explode(',', $env('MHA_SEED_FLAWS', '')));
$missing = (int)$env('MHA_SEED_MISSING_FILES', '0');
$password = bin2hex(random_bytes(12));
$code = '/var/www/moodle';
$data = '/var/moodledata';

$root = new mysqli('localhost', 'root', '');
$root->query("CREATE DATABASE IF NOT EXISTS moodle DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
$root->query("CREATE USER IF NOT EXISTS 'moodle'@'localhost' IDENTIFIED BY '$password'");
$root->query("GRANT ALL ON moodle.* TO 'moodle'@'localhost'");
$root->query("GRANT PROCESS ON *.* TO 'moodle'@'localhost'");
$db = new mysqli('localhost', 'moodle', $password, 'moodle');
$db->set_charset('utf8mb4');

file_put_contents("$code/version.php", "<?php\n\$version  = $version.00;\n\$release  = 'probe legacy ($version)';\n\$branch   = '';\n");
$session = in_array('dbsessions', $flaws, true) ? "\$CFG->session_handler_class = '\\\\core\\\\session\\\\database';\n" : '';
$localcache = in_array('localcache', $flaws, true) ? "\$CFG->localcachedir = '$data/localcache';\n" : '';
file_put_contents("$code/config.php", "<?php  // Moodle configuration file\nunset(\$CFG);\nglobal \$CFG;\n\$CFG = new stdClass();\n\n"
  . "\$CFG->dbtype    = 'mariadb';\n\$CFG->dblibrary = 'native';\n\$CFG->dbhost    = 'localhost';\n\$CFG->dbname    = 'moodle';\n"
  . "\$CFG->dbuser    = 'moodle';\n\$CFG->dbpass    = '$password';\n\$CFG->prefix    = 'mdl_';\n"
  . "\$CFG->dboptions = array (\n  'dbpersist' => 0,\n  'dbport' => '',\n  'dbsocket' => '',\n  'dbcollation' => 'utf8mb4_unicode_ci',\n);\n\n"
  . "\$CFG->wwwroot   = 'http://Legacy.Example.edu';\n\$CFG->dataroot  = '$data';\n\$CFG->admin     = 'admin';\n$session$localcache\n"
  . "\$CFG->directorypermissions = 0777;\n\n// require_once(__DIR__ . '/lib/setup.php');\n");
if (in_array('plugin', $flaws, true)) {
    @mkdir("$code/local/legacyextra", 0755, true);
    file_put_contents("$code/local/legacyextra/version.php", "<?php\n\$plugin->component = 'local_legacyextra';\n\$plugin->version = 2024010100;\n");
}

// Flaws of old sites: a MyISAM table, a table left in latin1 (ASCII-only content, so the seed fits).
$engine = fn(string $table) => ((in_array('myisam', $flaws, true) && $table === 'mdl_course') ? 'MyISAM' : 'InnoDB')
  . ((in_array('latin1', $flaws, true) && $table === 'mdl_logstore_standard_log') ? ' DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci' : '');
$tables = [
  'mdl_config' => 'id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(190) NOT NULL UNIQUE, value LONGTEXT NOT NULL',
  'mdl_user' => "id BIGINT AUTO_INCREMENT PRIMARY KEY, auth VARCHAR(20) NOT NULL DEFAULT 'manual', username VARCHAR(100) NOT NULL UNIQUE, password VARCHAR(255) NOT NULL, firstname VARCHAR(100) NOT NULL, lastname VARCHAR(100) NOT NULL, email VARCHAR(100) NOT NULL, deleted TINYINT NOT NULL DEFAULT 0, timecreated BIGINT NOT NULL",
  'mdl_course' => 'id BIGINT AUTO_INCREMENT PRIMARY KEY, category BIGINT NOT NULL, fullname VARCHAR(254) NOT NULL, shortname VARCHAR(255) NOT NULL, summary LONGTEXT, timecreated BIGINT NOT NULL',
  'mdl_files' => 'id BIGINT AUTO_INCREMENT PRIMARY KEY, contenthash VARCHAR(40) NOT NULL, pathnamehash VARCHAR(40) NOT NULL UNIQUE, contextid BIGINT NOT NULL, component VARCHAR(100) NOT NULL, filearea VARCHAR(50) NOT NULL, itemid BIGINT NOT NULL, filepath VARCHAR(255) NOT NULL, filename VARCHAR(255) NOT NULL, filesize BIGINT NOT NULL, mimetype VARCHAR(100), timecreated BIGINT NOT NULL, KEY contenthash (contenthash)',
  'mdl_logstore_standard_log' => 'id BIGINT AUTO_INCREMENT PRIMARY KEY, eventname VARCHAR(255) NOT NULL, userid BIGINT NOT NULL, courseid BIGINT NOT NULL, other LONGTEXT, timecreated BIGINT NOT NULL',
];
foreach ($tables as $name => $columns) {
    $db->query("CREATE TABLE IF NOT EXISTS $name ($columns) ENGINE=" . $engine($name)) or die($db->error . "\n");
}
$db->query("INSERT INTO mdl_config (name, value) VALUES ('version', '$version'), ('release', 'probe legacy'), ('siteidentifier', '" . bin2hex(random_bytes(8)) . "')");

$now = time();
$bulk = function (string $table, string $columns, array $rows) use ($db) {
    foreach (array_chunk($rows, 500) as $chunk) $db->query("INSERT INTO $table ($columns) VALUES " . implode(',', $chunk)) or die($db->error . "\n");
};
$hash = password_hash('Probe-Pass-1', PASSWORD_DEFAULT);
$rows = [];
for ($i = 1; $i <= $users; $i++) $rows[] = sprintf("('user%d', '%s', 'Ünïcode %d', 'Ōmega', 'user%d@example.invalid', %d)", $i, $db->real_escape_string($hash), $i, $i, $now);
$bulk('mdl_user', 'username, password, firstname, lastname, email, timecreated', $rows);
$rows = [];
for ($i = 1; $i <= $courses; $i++) $rows[] = sprintf("(1, 'Course %d — «quoted» \\'s', 'C%d', 'Line one\\nline two\\ttab', %d)", $i, $i, $now);
$bulk('mdl_course', 'category, fullname, shortname, summary, timecreated', $rows);
$rows = [];
for ($i = 1; $i <= $logRows; $i++) $rows[] = sprintf("('\\\\core\\\\event\\\\course_viewed', %d, %d, %s, %d)", 1 + $i % max(1, $users), 1 + $i % max(1, $courses), $i % 7 ? 'NULL' : "'{\"n\":$i}'", $now - $i);
$bulk('mdl_logstore_standard_log', 'eventname, userid, courseid, other, timecreated', $rows);

// The file pool: content-addressed, two levels of folders from the hash.
$rows = [];
for ($i = 1; $i <= $files; $i++) {
    $content = random_bytes(max(1, $fileBytes - 16)) . sprintf('%016d', $i);
    $sha = sha1($content);
    $dir = "$data/filedir/" . substr($sha, 0, 2) . '/' . substr($sha, 2, 2);
    @mkdir($dir, 0770, true);
    if ($i > $missing) file_put_contents("$dir/$sha", $content);
    $rows[] = sprintf("('%s', '%s', %d, 'mod_resource', 'content', 0, '/', 'file%d.bin', %d, 'application/octet-stream', %d)", $sha, sha1("path$i"), 10 + $i % 50, $i, strlen($content), $now);
}
$bulk('mdl_files', 'contenthash, pathnamehash, contextid, component, filearea, itemid, filepath, filename, filesize, mimetype, timecreated', $rows);
// What a live site has besides the pool: caches, temp and sessions (never migrated), and user data.
foreach (['cache/cachestore_file', 'temp/backup', 'localcache/theme', 'sessions', 'trashdir', 'lang', 'muc'] as $d) @mkdir("$data/$d", 0770, true);
file_put_contents("$data/cache/cachestore_file/junk.cache", str_repeat('c', 4096));
file_put_contents("$data/temp/backup/half.mbz", str_repeat('t', 4096));
file_put_contents("$data/sessions/sess_abc", 'user|s:5:"user1";');
file_put_contents("$data/muc/config.php", "<?php \$configuration = [];\n");
echo "seeded: $users users, $courses courses, $logRows log rows, $files files\n";
