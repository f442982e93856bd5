/** moodle/config.php.template and the script that renders it at deploy time. */

/** config.php for a cluster (MOODLE.md), with {{NAME}} placeholders. */
export const CONFIG_PHP_TEMPLATE = `<?php  // Moodle configuration for a cluster: rendered into config.php at deploy time by
       // hooks/after-install.sh (render-config.php). Never edit config.php on a node.
       // Each double-braced NAME is an environment variable, written as a PHP literal.
       // Secrets (database, mail) are read from Secrets Manager when this file is rendered,
       // never per request.

unset($CFG);
global $CFG;
$CFG = new stdClass();

// Database: Moodle's own database user (never the master user), from the stack and Secrets Manager.
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
if ({{MOODLE_DB_TLS:bool}}) {
    // TLS with the server's certificate checked against the RDS CA bundle (installed by user data).
    $CFG->dboptions['ssl'] = 'verify-full';
    $dbcafile = {{MOODLE_DB_CA_FILE?}};
    if ($dbcafile !== '' && $CFG->dbtype === 'pgsql') {
        // libpq reads its CA from this variable; mysqlnd uses the system trust store.
        putenv('PGSSLROOTCERT=' . $dbcafile);
    }
    unset($dbcafile);
}
$dbreader = {{MOODLE_DB_READER_HOST?}};
if ($dbreader !== '') {
    // Reads go to the replica, except for tables written in the last second (Moodle's read replica trait).
    $CFG->dboptions['readonly'] = ['instance' => [$dbreader], 'latency' => 1];
}
unset($dbreader);

// A fixed address, never built from the request's Host header; TLS ends at the load balancer.
// The host is lower-case: browsers send it so, and Moodle compares it case-sensitively.
$CFG->wwwroot  = {{MOODLE_WWWROOT:url}};
$CFG->sslproxy = {{MOODLE_SSLPROXY:bool}};

// Client addresses: the load balancer adds the user's address to X-Forwarded-For. Trust that header
// (skip only HTTP_CLIENT_IP) and ignore the load balancer's own subnets in it, so logs, login
// throttling and quiz network rules see the user, not the load balancer.
$trustedproxies = {{MOODLE_TRUSTED_PROXIES:cidrs?}};
if ($trustedproxies !== '') {
    $CFG->getremoteaddrconf = 1;
    $CFG->reverseproxyignore = $trustedproxies;
}
unset($trustedproxies);

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
//
// Session locks. Both handlers hold a per-session lock for the whole request and free it at the
// end; a request killed with its node never frees it, so the lock lives until it expires. Moodle's
// Redis handler expires it after min(max_execution_time, sessiontimeout) (300 s with our php.ini)
// and the memcached handler after 7200 s; a waiting request gives up after the acquire timeout
// (120 s) with "Cannot obtain session lock". With those values a user whose request died with a
// node is locked out for 2 to 5 minutes (120 s waits, then errors) after the load balancer moved
// them to a healthy node. So we choose:
//   lock expire     30 s: the dead request's lock is gone half a minute after the node died;
//   acquire timeout 40 s: longer than the expiry, so a waiting request outlives a dead holder
//                         and then proceeds, instead of failing; and shorter than the load
//                         balancer's idle timeout (60 s), so the user still gets the answer.
// The cost: a live request running longer than 30 s no longer excludes the same user's next
// request (both may write the session); long work in Moodle 5.0 runs in cron tasks, not in pages.
$sessionlockexpire = 30;
$sessionlockwait = 40;
$sessionhandler = {{MOODLE_SESSION_HANDLER?}};
if ($sessionhandler === 'redis') {
    $CFG->session_handler_class = '\\core\\session\\redis';
    $CFG->session_redis_host = {{MOODLE_SESSION_HOST?}};
    $CFG->session_redis_port = {{MOODLE_SESSION_PORT:int?}};
    $CFG->session_redis_prefix = 'mdl_sess_';
    $CFG->session_redis_acquire_lock_timeout = $sessionlockwait;
    $CFG->session_redis_lock_expire = $sessionlockexpire;
    if ({{MOODLE_SESSION_TLS:bool}}) {
        // ElastiCache with TLS in transit refuses plain connections.
        $CFG->session_redis_encrypt = ['verify_peer' => true];
    }
} else if ($sessionhandler === 'memcached') {
    $CFG->session_handler_class = '\\core\\session\\memcached';
    $CFG->session_memcached_save_path = {{MOODLE_MEMCACHED_SAVE_PATH?}};
    $CFG->session_memcached_prefix = 'mdl.sess.';
    $CFG->session_memcached_acquire_lock_timeout = $sessionlockwait;
    $CFG->session_memcached_lock_expire = $sessionlockexpire;
}
unset($sessionhandler, $sessionlockexpire, $sessionlockwait);

// Moodle's application cache (MUC) goes to its own Redis/Valkey store, separate from sessions:
// ops/configure-muc.php maps the application mode to a Redis store named moodle_ha_redis
// (in moodledata/muc/config.php, Moodle's own cache configuration) after install and upgrade.
// Without MOODLE_MUC_REDIS_HOST, application caches stay in the file store in cachedir.

// Mail through the given SMTP relay (SES on port 587 with STARTTLS); the user and password come
// from Secrets Manager when this file is rendered.
$smtphost = {{MOODLE_SMTP_HOST?}};
if ($smtphost !== '') {
    $CFG->smtphosts = $smtphost . ':' . ({{MOODLE_SMTP_PORT:int?}} ?: 587);
    $CFG->smtpsecure = 'tls';
    $CFG->smtpauthtype = 'LOGIN';
    $CFG->smtpuser = {{MOODLE_SMTP_USER?}};
    $CFG->smtppass = {{MOODLE_SMTP_PASS?}};
    $CFG->noreplyaddress = {{MOODLE_NOREPLY_ADDRESS?}};
}
// Without MOODLE_SMTP_HOST no mail is configured: Moodle uses PHP's mail(), which EC2 cannot deliver.
unset($smtphost);

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
// {{NAME:bool}} true for 1/true/yes/on (false when unset), {{NAME:url}} an http(s) address whose
// scheme and host are lower-cased (Moodle compares the request host case-sensitively),
// {{NAME:cidrs?}} a comma-separated list of IPv4/IPv6 CIDRs (spaces dropped).

if ($argc !== 2) {
    fwrite(STDERR, "usage: php render-config.php config.php.template > config.php\\n");
    exit(2);
}
$template = file_get_contents($argv[1]);
if ($template === false) {
    fwrite(STDERR, "moodle-ha: cannot read {$argv[1]}\\n");
    exit(2);
}

/** http(s)://Host[:port][/path] with the scheme and host lower-cased, or null when it is not such a URL. */
function moodle_ha_lower_host(string $url): ?string {
    if (!preg_match('~^(https?)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d+)?(/[^?#]*)?$~i', $url, $m)) {
        return null;
    }
    return strtolower($m[1]) . '://' . strtolower($m[2]) . ($m[3] ?? '') . ($m[4] ?? '');
}

/** A valid CIDR list, normalised to "a/n,b/m", or null. */
function moodle_ha_cidrs(string $value): ?string {
    $out = [];
    foreach (explode(',', $value) as $item) {
        $item = trim($item);
        if ($item === '') {
            continue;
        }
        $parts = explode('/', $item);
        if (count($parts) !== 2 || !ctype_digit($parts[1])) {
            return null;
        }
        $ip = filter_var($parts[0], FILTER_VALIDATE_IP);
        $max = $ip !== false && strpos($ip, ':') !== false ? 128 : 32;
        if ($ip === false || (int) $parts[1] > $max) {
            return null;
        }
        $out[] = $ip . '/' . (int) $parts[1];
    }
    return $out ? implode(',', $out) : null;
}

$problems = [];
$rendered = preg_replace_callback('/\\{\\{([A-Z][A-Z0-9_]*)(:int|:bool|:url|:cidrs)?(\\?)?\\}\\}/', function (array $m) use (&$problems): string {
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
    if ($kind === ':url') {
        $lowered = moodle_ha_lower_host($value);
        if ($lowered === null) {
            $problems[$name] = "$name must be an http:// or https:// address without query or fragment (got '$value')";
            return "''";
        }
        $value = $lowered;
    }
    if ($kind === ':cidrs') {
        $list = moodle_ha_cidrs($value);
        if ($list === null) {
            $problems[$name] = "$name must be comma-separated CIDRs such as 10.0.0.0/24,10.0.1.0/24";
            return "''";
        }
        $value = $list;
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
