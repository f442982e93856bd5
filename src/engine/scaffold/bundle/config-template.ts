/** moodle/config.php.template and the script that renders it at deploy time. */

/** config.php for a cluster (MOODLE.md), with {{NAME}} placeholders. */
export const CONFIG_PHP_TEMPLATE = `<?php  // Moodle configuration for a cluster: rendered into config.php at deploy time by
       // hooks/after-install.sh (render-config.php). Never edit config.php on a node.
       // Each double-braced NAME is an environment variable, written as a PHP literal.

unset($CFG);
global $CFG;
$CFG = new stdClass();

// Database: values from the stack (endpoint) and Secrets Manager (user, password), read once per deploy.
$CFG->dbtype    = {{MOODLE_DB_TYPE}};
$CFG->dblibrary = 'native';
$CFG->dbhost    = {{MOODLE_DB_HOST}};
$CFG->dbname    = {{MOODLE_DB_NAME}};
$CFG->dbuser    = {{MOODLE_DB_USER}};
$CFG->dbpass    = {{MOODLE_DB_PASS}};
$CFG->prefix    = 'mdl_';
$CFG->dboptions = [
    'dbpersist' => false,
    'dbport' => {{MOODLE_DB_PORT:int}},
    'dbcollation' => 'utf8mb4_unicode_ci',
];

// A fixed address, never built from the request's Host header; TLS ends at the load balancer.
$CFG->wwwroot  = {{MOODLE_WWWROOT}};
$CFG->sslproxy = {{MOODLE_SSLPROXY:bool}};

// Shared by every node (moodledata on EFS/NFS/GlusterFS) ...
$CFG->dataroot      = {{MOODLE_DATA_DIR}};
$CFG->cachedir      = {{MOODLE_DATA_DIR}} . '/cache';
$CFG->tempdir       = {{MOODLE_DATA_DIR}} . '/temp';
$CFG->backuptempdir = {{MOODLE_DATA_DIR}} . '/backuptemp';
// ... except this one, which must be local to each node.
$CFG->localcachedir = {{MOODLE_LOCAL_CACHE_DIR}};
$CFG->directorypermissions = 02770;
$CFG->admin = 'admin';

// Sessions live in the cache, so any node can serve any user.
$sessionhandler = {{MOODLE_SESSION_HANDLER?}};
if ($sessionhandler === 'redis') {
    $CFG->session_handler_class = '\\core\\session\\redis';
    $CFG->session_redis_host = {{MOODLE_SESSION_HOST?}};
    $CFG->session_redis_port = {{MOODLE_SESSION_PORT:int?}};
    $CFG->session_redis_prefix = 'mdl_sess_';
    $CFG->session_redis_acquire_lock_timeout = 120;
    $CFG->session_redis_lock_expire = 7200;
    if ({{MOODLE_SESSION_TLS:bool}}) {
        // ElastiCache with TLS in transit refuses plain connections.
        $CFG->session_redis_encrypt = ['verify_peer' => true];
    }
} else if ($sessionhandler === 'memcached') {
    $CFG->session_handler_class = '\\core\\session\\memcached';
    $CFG->session_memcached_save_path = {{MOODLE_MEMCACHED_SAVE_PATH?}};
    $CFG->session_memcached_prefix = 'mdl.sess.';
    $CFG->session_memcached_acquire_lock_timeout = 120;
    $CFG->session_memcached_lock_expire = 7200;
}
unset($sessionhandler);

// Cron runs on every node: database locks keep each task to one node at a time.
$CFG->lock_factory = 'auto';
// The code is read-only and identical on every node; it changes only through a deployment.
$CFG->preventexecpath = true;
$CFG->disableupdateautodeploy = true;
// The web server sends unknown URLs to r.php (Apache FallbackResource, nginx try_files).
$CFG->routerconfigured = true;

// Moodle 5.1+ keeps lib/ under public/.
require_once(is_file(__DIR__ . '/lib/setup.php') ? __DIR__ . '/lib/setup.php' : __DIR__ . '/public/lib/setup.php');
// There is no php closing tag in this file, it is intentional because it prevents trailing whitespace problems!
`;

/** Fills the placeholders from the environment, each as a PHP literal. */
export const RENDER_CONFIG_PHP = `<?php
// Renders config.php.template from environment variables, at deploy time (hooks/after-install.sh).
// {{NAME}} becomes the value as a PHP literal (var_export), so no value can break out of its string.
// Kinds: {{NAME}} required text, {{NAME?}} optional text, {{NAME:int}} / {{NAME:int?}} numbers,
// {{NAME:bool}} true for 1/true/yes/on (false when unset).

if ($argc !== 2) {
    fwrite(STDERR, "usage: php render-config.php config.php.template > config.php\\n");
    exit(2);
}
$template = file_get_contents($argv[1]);
if ($template === false) {
    fwrite(STDERR, "moodle-ha: cannot read {$argv[1]}\\n");
    exit(2);
}

$problems = [];
$rendered = preg_replace_callback('/\\{\\{([A-Z][A-Z0-9_]*)(:int|:bool)?(\\?)?\\}\\}/', function (array $m) use (&$problems): string {
    $name = $m[1];
    $kind = $m[2] ?? '';
    $optional = ($m[3] ?? '') === '?';
    $value = getenv($name);
    if ($value === false || $value === '') {
        if ($kind === ':bool') {
            return 'false';
        }
        if (!$optional) {
            $problems[$name] = "$name is not set";
        }
        return $kind === ':int' ? '0' : "''";
    }
    if ($kind === ':int') {
        if (!preg_match('/^\\d+$/', $value)) {
            $problems[$name] = "$name must be a number";
            return '0';
        }
        return (string) (int) $value;
    }
    if ($kind === ':bool') {
        return in_array(strtolower($value), ['1', 'true', 'yes', 'on'], true) ? 'true' : 'false';
    }
    return var_export($value, true);
}, $template);

$wwwroot = (string) getenv('MOODLE_WWWROOT');
if (preg_match('~(/public/?|/)$~', $wwwroot)) {
    $problems['MOODLE_WWWROOT'] = 'MOODLE_WWWROOT must not end in / or /public';
}
if ($problems) {
    fwrite(STDERR, "moodle-ha: cannot write config.php: " . implode('; ', $problems) . "\\n");
    exit(1);
}
echo $rendered;
`;
