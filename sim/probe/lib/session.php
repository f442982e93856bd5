<?php
// Sessions as Moodle's handlers keep them (lib/classes/session/{memcached,redis,file}.php in 5.0),
// configured only by config.php: the same keys, the same lock acquire timeout and lock expiry, and
// the same fate for a lock whose holder died (it stays until its expiry; waiters give up after the
// acquire timeout and the page fails with 500).

/** Starts the session of this request (a write lock held until the script ends), or fails with 500. */
function probe_session_start(): void {
    global $CFG;
    $class = ltrim((string)($CFG->session_handler_class ?? ''), '\\');
    $url = parse_url($CFG->wwwroot . '/');
    session_name('MoodleSession' . ($CFG->sessioncookie ?? ''));
    session_set_cookie_params([
        'path' => $url['path'] ?? '/',
        'secure' => ($url['scheme'] ?? 'http') === 'https',
        'httponly' => true,
        'samesite' => 'Lax',
    ]);
    try {
        if ($class === 'core\\session\\redis') {
            $handler = new ProbeRedisSession($CFG);
            $handler->connect();
            session_set_save_handler($handler, false);
            $started = session_start();
        } else if ($class === 'core\\session\\memcached') {
            $started = probe_memcached_session_start($CFG);
        } else if ($class === '' || $class === 'core\\session\\file') {
            // Moodle's default: files in dataroot/sessions, locked with flock.
            $dir = $CFG->dataroot . '/sessions';
            if (!is_dir($dir)) @mkdir($dir, 0777, true);
            ini_set('session.save_handler', 'files');
            ini_set('session.save_path', $dir);
            $started = session_start();
        } else {
            throw new RuntimeException("the probe does not implement session handler '$class'");
        }
    } catch (Throwable $e) {
        probe_early_error('Session store problem: ' . $e->getMessage());
    }
    if (!$started) {
        probe_early_error('Session store problem: ' . (error_get_last()['message'] ?? 'session_start failed'));
    }
}

/** Moodle's \core\session\memcached: PHP's memcached handler with Moodle's lock settings. */
function probe_memcached_session_start(object $cfg): bool {
    $savepath = (string)($cfg->session_memcached_save_path ?? '');
    if ($savepath === '') throw new RuntimeException('$CFG->session_memcached_save_path must be specified in config.php');
    $prefix = empty($cfg->session_memcached_prefix) ? ini_get('memcached.sess_prefix') : $cfg->session_memcached_prefix;
    $acquire = empty($cfg->session_memcached_acquire_lock_timeout) ? 120 : (int)$cfg->session_memcached_acquire_lock_timeout;
    $expire = empty($cfg->session_memcached_lock_expire) ? 7200 : (int)$cfg->session_memcached_lock_expire;
    $sleep = empty($cfg->session_memcached_lock_retry_sleep) ? 150 : (int)$cfg->session_memcached_lock_retry_sleep;
    ini_set('session.save_handler', 'memcached');
    ini_set('session.save_path', $savepath);
    ini_set('memcached.sess_prefix', $prefix);
    ini_set('memcached.sess_lock_expire', (string)$expire);
    ini_set('memcached.sess_locking', '1');
    // A constant retry sleep, and as many retries as fit in the acquire timeout (php-memcached 3.x).
    ini_set('memcached.sess_lock_wait_min', (string)$sleep);
    ini_set('memcached.sess_lock_wait_max', (string)$sleep);
    ini_set('memcached.sess_lock_retries', (string)((int)(($acquire * 1000) / $sleep) + 1));

    $default = ini_get('max_execution_time');
    set_time_limit($acquire);
    $isnew = empty($_COOKIE[session_name()]);
    $t = microtime(true);
    $result = session_start();
    // php-memcached can report success after a lock timeout with an empty session: Moodle treats
    // an empty, existing session that took the whole timeout as a failure.
    if (!$isnew && $result && count($_SESSION) === 0 && (microtime(true) - $t + 1) >= (float)$acquire) $result = false;
    set_time_limit((int)$default);
    return $result;
}

/** Moodle's \core\session\redis: hashes session_<sid>, lock key session_<sid>.lock (SET NX EX). */
final class ProbeRedisSession implements SessionHandlerInterface {
    private ?Redis $redis = null;
    private array $locks = [];
    private ?string $lasthash = null;
    private string $host;
    private int $port;
    private array $ssl;
    private string $auth;
    private int $database;
    private string $prefix;
    private int $acquiretimeout;
    private int $lockretry;
    private int $lockexpire;
    private int $connecttimeout;
    private int $maxretries;
    private int $lifetime;

    public function __construct(object $cfg) {
        $hosts = array_values(array_filter(array_map('trim', explode(',', (string)($cfg->session_redis_host ?? '')))));
        if (!$hosts) throw new RuntimeException('$CFG->session_redis_host must be specified in config.php');
        if (count($hosts) > 1) throw new RuntimeException('the probe does not implement Redis cluster mode');
        $this->host = strtolower($hosts[0]);
        $this->port = isset($cfg->session_redis_port) ? (int)$cfg->session_redis_port : 6379;
        if (strpos($this->host, ':')) [$this->host, $this->port] = [explode(':', $this->host)[0], (int)explode(':', $this->host)[1]];
        $this->ssl = !empty($cfg->session_redis_encrypt) ? (array)$cfg->session_redis_encrypt : [];
        $this->auth = (string)($cfg->session_redis_auth ?? '');
        $this->database = (int)($cfg->session_redis_database ?? 0);
        $this->prefix = (string)($cfg->session_redis_prefix ?? '');
        $this->acquiretimeout = isset($cfg->session_redis_acquire_lock_timeout) ? (int)$cfg->session_redis_acquire_lock_timeout : 120;
        $this->lockretry = isset($cfg->session_redis_acquire_lock_retry) ? (int)$cfg->session_redis_acquire_lock_retry : 100;
        $this->connecttimeout = isset($cfg->session_redis_connection_timeout) ? (int)$cfg->session_redis_connection_timeout : 3;
        $this->maxretries = isset($cfg->session_redis_max_retries) ? (int)$cfg->session_redis_max_retries : 3;
        $timeout = (int)($cfg->sessiontimeout ?? 8 * 3600) ?: 8 * 3600;
        $this->lifetime = $timeout + 20 + 60;
        // Without session_redis_lock_expire: max_execution_time (30 when negative), capped at the session timeout.
        $expire = (int)ini_get('max_execution_time');
        if ($expire < 0) $expire = 30;
        if ($expire === 0 || $expire > $timeout) $expire = $timeout;
        $this->lockexpire = isset($cfg->session_redis_lock_expire) ? (int)$cfg->session_redis_lock_expire : $expire;
    }

    /** Connects with Moodle's retries: each try waits up to the connection timeout, then 100-500 ms. */
    public function connect(): void {
        $last = '';
        for ($try = 1; $try <= $this->maxretries; $try++) {
            try {
                $redis = new Redis();
                $redis->connect($this->host, $this->port, $this->connecttimeout, null, rand(100, 500), $this->connecttimeout, $this->ssl ? ['stream' => $this->ssl] : []);
                if ($this->auth !== '' && !$redis->auth($this->auth)) throw new RedisException('Unable to authenticate.');
                $redis->setOption(Redis::OPT_SERIALIZER, Redis::SERIALIZER_PHP);
                if ($this->prefix !== '') $redis->setOption(Redis::OPT_PREFIX, $this->prefix);
                if (!$redis->info('server')) throw new RedisException('Failed to fetch server information');
                if ($this->database !== 0 && !$redis->select($this->database)) throw new RedisException("Unable to select database {$this->database}");
                $this->redis = $redis;
                return;
            } catch (RedisException $e) {
                $last = "try $try of {$this->maxretries} to {$this->host}:{$this->port}: " . $e->getMessage();
            }
            usleep(rand(100000, 500000));
        }
        throw new RuntimeException("Failed to connect to Redis ($last)");
    }

    public function open(string $path, string $name): bool { return true; }

    public function close(): bool {
        $this->lasthash = null;
        try {
            foreach ($this->locks as $id => $expiry) {
                if ($expiry > time()) $this->redis->unlink("$id.lock");
                unset($this->locks[$id]);
            }
        } catch (RedisException $e) {
            error_log('Failed talking to redis: ' . $e->getMessage());
            return false;
        }
        return true;
    }

    public function read(string $id): string|false {
        $key = "session_$id";
        $this->lock($key);
        $fields = $this->redis->hMGet($key, ['userid', 'sessdata']);
        if ($fields['sessdata'] === false) {
            $this->redis->unlink("$key.lock");
            unset($this->locks[$key]);
            $this->lasthash = sha1('');
            return '';
        }
        if ((int)$fields['userid'] !== 0) $this->redis->expire($key, $this->lifetime);
        $data = (string)$fields['sessdata'];
        $this->lasthash = sha1(base64_encode($data));
        return $data;
    }

    public function write(string $id, string $data): bool {
        if (sha1(base64_encode($data)) === $this->lasthash) return true;
        try {
            $key = "session_$id";
            $this->redis->hMSet($key, ['sessdata' => $data, 'userid' => (int)($_SESSION['userid'] ?? 0)]);
            $this->redis->expire($key, $this->lifetime);
        } catch (RedisException $e) {
            error_log('Failed talking to redis: ' . $e->getMessage());
            return false;
        }
        return true;
    }

    public function destroy(string $id): bool {
        $this->redis->unlink("session_$id");
        if (isset($this->locks["session_$id"])) { $this->redis->unlink("session_$id.lock"); unset($this->locks["session_$id"]); }
        return true;
    }

    public function gc(int $max_lifetime): int|false { return 0; }

    /** Polls SET NX EX every ~100 ms for 5 s, then about once a second, until the acquire timeout. */
    private function lock(string $key): void {
        if (isset($this->locks[$key]) && time() < $this->locks[$key]) return;
        $start = time();
        $whoami = '[pid ' . getmypid() . '] ' . gethostname() . ':' . ($_SERVER['REQUEST_URI'] ?? 'cli');
        while (true) {
            if ($this->redis->set("$key.lock", $whoami, ['nx', 'ex' => $this->lockexpire])) {
                $this->locks[$key] = time() + $this->lockexpire;
                return;
            }
            if (time() > $start + $this->acquiretimeout) {
                $holder = $this->redis->get("$key.lock");
                error_log("Cannot obtain session lock for $key within {$this->acquiretimeout} s (held by $holder)");
                throw new RuntimeException("Unable to obtain the session lock within {$this->acquiretimeout} s (lock expiry {$this->lockexpire} s)");
            }
            $delay = time() < $start + 5 ? rand($this->lockretry, (int)($this->lockretry * 1.1)) : rand(1000, 1100);
            usleep($delay * 1000);
        }
    }
}
