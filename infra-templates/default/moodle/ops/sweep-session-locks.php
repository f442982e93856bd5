<?php
// The failover lock sweep: deletes the Moodle session locks (<prefix>session_<sid>.lock) that were
// taken before the session cache's promotion. Their holders' connections died with the old primary,
// so nobody will release them; left alone each one stalls its user until it expires.
//
//   php sweep-session-locks.php CODE_DIR --promoted-at MS [--dry-run]
//
// MS: the promotion time (Unix milliseconds; ElastiCache's FailoverComplete notification time).
// Reads config.php for the Redis settings Moodle uses ($CFG->session_redis_*), connects as Moodle
// does and needs $CFG->session_redis_lock_expire (the web server's max_execution_time, Moodle's
// default, is not visible from the CLI, and a wrong expiry would misjudge each lock's age).
// Exit codes: 0 swept (or nothing to sweep); 2 usage or configuration; 3 Redis unreachable or not
// the primary (run it again against the promoted node).
if (PHP_SAPI !== 'cli') {
    exit(2);
}
$usage = "usage: php sweep-session-locks.php CODE_DIR --promoted-at UNIX_MS [--dry-run]\n";
$args = array_slice($argv, 1);
$codedir = null;
$promotedat = null;
$dryrun = false;
while ($args) {
    $arg = array_shift($args);
    if ($arg === '--promoted-at') {
        $promotedat = array_shift($args);
    } else if ($arg === '--dry-run') {
        $dryrun = true;
    } else if ($codedir === null && $arg !== '' && $arg[0] !== '-') {
        $codedir = rtrim($arg, '/');
    } else {
        fwrite(STDERR, $usage);
        exit(2);
    }
}
if ($codedir === null || !is_string($promotedat) || !preg_match('/^[0-9]{13}$/', $promotedat)) {
    fwrite(STDERR, $usage . "moodle-ha: CODE_DIR and --promoted-at (13 digits, Unix milliseconds) are required\n");
    exit(2);
}
$promotedat = (int)$promotedat;

define('CLI_SCRIPT', true);
define('ABORT_AFTER_CONFIG', true);
global $CFG;
require($codedir . '/config.php');

$handler = ltrim((string)($CFG->session_handler_class ?? ''), '\\');
if ($handler !== 'core\\session\\redis') {
    echo "moodle-ha-lock-sweep: config.php keeps sessions in " . ($handler === '' ? 'files' : $handler) . ", not Redis: nothing to sweep\n";
    exit(0);
}
if (!isset($CFG->session_redis_lock_expire) || (int)$CFG->session_redis_lock_expire <= 0) {
    fwrite(STDERR, "moodle-ha: config.php does not set \$CFG->session_redis_lock_expire; the sweep cannot tell a lock's age without it. Set it (the scaffold sets 30).\n");
    exit(2);
}
$lockexpire = (int)$CFG->session_redis_lock_expire;
$hosts = array_values(array_filter(array_map('trim', explode(',', (string)($CFG->session_redis_host ?? '')))));
if (count($hosts) !== 1) {
    fwrite(STDERR, "moodle-ha: \$CFG->session_redis_host must name one primary endpoint (cluster mode is not swept)\n");
    exit(2);
}
$host = strtolower($hosts[0]);
$port = isset($CFG->session_redis_port) ? (int)$CFG->session_redis_port : 6379;
if (strpos($host, ':') && !preg_match('~^[a-z]+://~', $host)) {
    [$host, $port] = [explode(':', $host)[0], (int)explode(':', $host)[1]];
}
$context = !empty($CFG->session_redis_encrypt) ? ['stream' => (array)$CFG->session_redis_encrypt] : [];
$timeout = isset($CFG->session_redis_connection_timeout) ? (int)$CFG->session_redis_connection_timeout : 3;

try {
    $redis = new Redis();
    $redis->connect($host, $port, $timeout, null, 0, $timeout, $context);
    if (!empty($CFG->session_redis_auth) && !$redis->auth($CFG->session_redis_auth)) {
        throw new RedisException('Unable to authenticate.');
    }
    if (!empty($CFG->session_redis_database) && !$redis->select((int)$CFG->session_redis_database)) {
        throw new RedisException('Unable to select database ' . (int)$CFG->session_redis_database);
    }
    $role = (string)($redis->info('replication')['role'] ?? '');
} catch (RedisException $e) {
    fwrite(STDERR, "moodle-ha: cannot reach Redis at $host:$port: " . $e->getMessage() . "\n");
    exit(3);
}
if ($role !== 'master') {
    fwrite(STDERR, "moodle-ha: $host:$port answers as a $role, not the primary: the endpoint has not moved yet; run the sweep again\n");
    exit(3);
}

// KEYS: lock keys; ARGV: promotion (ms), lock expiry (s), 1 to only count. Returns {swept, kept}.
$script = <<<'LUA'
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local promoted, expire, dry = tonumber(ARGV[1]), tonumber(ARGV[2]) * 1000, ARGV[3] == '1'
local swept, kept = 0, 0
for _, key in ipairs(KEYS) do
  local ttl = redis.call('PTTL', key)
  if ttl > 0 then
    if now - (expire - ttl) < promoted then
      if not dry then redis.call('DEL', key) end
      swept = swept + 1
    else
      kept = kept + 1
    end
  end
end
return {swept, kept}
LUA;

$pattern = addcslashes((string)($CFG->session_redis_prefix ?? ''), '*?[]\\') . 'session_*.lock';
$swept = 0;
$kept = 0;
try {
    $now = $redis->time();
    $servernow = (int)$now[0] * 1000 + intdiv((int)$now[1], 1000);
    if ($promotedat > $servernow + 2000) {
        fwrite(STDERR, "moodle-ha: --promoted-at is " . ($promotedat - $servernow) . " ms ahead of the Redis server's clock: refusing (every lock would look older than the promotion)\n");
        exit(2);
    }
    $redis->setOption(Redis::OPT_SCAN, Redis::SCAN_RETRY);
    $iterator = null;
    while (($keys = $redis->scan($iterator, $pattern, 1000)) !== false) {
        if (!$keys) {
            continue;
        }
        $result = $redis->eval($script, array_merge($keys, [(string)$promotedat, (string)$lockexpire, $dryrun ? '1' : '0']), count($keys));
        if (!is_array($result)) {
            throw new RedisException('the sweep script failed: ' . $redis->getLastError());
        }
        $swept += (int)$result[0];
        $kept += (int)$result[1];
    }
} catch (RedisException $e) {
    fwrite(STDERR, "moodle-ha: the sweep stopped after $swept locks: " . $e->getMessage() . " (run it again: it only ever deletes locks older than the promotion)\n");
    exit(3);
}
echo "moodle-ha-lock-sweep: " . ($dryrun ? 'would sweep' : 'swept') . " $swept session locks taken before the promotion; kept $kept taken after it (lock expiry {$lockexpire} s)\n";
