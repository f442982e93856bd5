<?php
// The probe app: behaves like Moodle where it matters for HA (sessions in the cache through PHP's
// own session handlers, files on the shared dataroot by content hash, a database write per request,
// maintenance mode and upgrade through CLI scripts). Settings: /etc/mha/env.php (MHA_* variables).

function probe_env(string $name, string $default = ''): string {
    static $env = null;
    if ($env === null) $env = is_file('/etc/mha/env.php') ? (include '/etc/mha/env.php') : [];
    $value = $env[$name] ?? getenv($name);
    return ($value === false || $value === null || $value === '') ? $default : (string)$value;
}

function probe_node(): string { return probe_env('MHA_NODE_NAME', gethostname()); }
function probe_dataroot(): string { return probe_env('MHA_DATA_DIR', '/mnt/moodledata'); }

function probe_code_version(): int {
    $version = 0;
    include dirname(__DIR__) . '/version.php';
    return (int)$version;
}

function probe_json(int $status, array $body): void {
    http_response_code($status);
    header('Content-Type: application/json');
    header('Cache-Control: no-store');
    echo json_encode($body + ['node' => probe_node()]), "\n";
    exit;
}

function probe_fail(int $status, string $kind, string $message): void {
    probe_json($status, ['error' => $kind, 'message' => $message]);
}

/** Moodle answers every web request with 503 while climaintenance.html is in the dataroot. */
function probe_maintenance_guard(): void {
    if (PHP_SAPI !== 'cli' && is_file(probe_dataroot() . '/climaintenance.html')) {
        header('X-Maintenance: 1');
        probe_fail(503, 'maintenance', 'Site under maintenance');
    }
}

/** A small database layer over mysqli or pgsql, as the topology's database family says. */
final class ProbeDb {
    private $conn;
    private bool $pg;

    public function __construct() {
        $this->pg = probe_env('MHA_DB_FAMILY', 'mysql') === 'postgres';
        $host = probe_env('MHA_DB_HOST', 'db');
        $name = probe_env('MHA_DB_NAME', 'moodle');
        $user = probe_env('MHA_DB_USER', 'moodle');
        $pass = probe_env('MHA_DB_PASS');
        if ($this->pg) {
            $conn = @pg_connect("host=$host dbname=$name user=$user password=$pass connect_timeout=2");
            if (!$conn) throw new RuntimeException('cannot connect to PostgreSQL');
        } else {
            mysqli_report(MYSQLI_REPORT_OFF);
            $conn = mysqli_init();
            $conn->options(MYSQLI_OPT_CONNECT_TIMEOUT, 2);
            if (!@$conn->real_connect($host, $user, $pass, $name)) throw new RuntimeException('cannot connect to MariaDB: ' . mysqli_connect_error());
        }
        $this->conn = $conn;
    }

    /** @param array<int, string|int> $params */
    public function exec(string $sql, array $params = []): array {
        if ($this->pg) {
            $i = 0;
            $sql = preg_replace_callback('/\?/', function () use (&$i) { return '$' . (++$i); }, $sql);
            $result = @pg_query_params($this->conn, $sql, $params);
            if ($result === false) throw new RuntimeException(pg_last_error($this->conn));
            return pg_fetch_all($result) ?: [];
        }
        $stmt = $this->conn->prepare($sql);
        if (!$stmt) throw new RuntimeException($this->conn->error);
        if ($params) $stmt->bind_param(str_repeat('s', count($params)), ...array_map('strval', $params));
        if (!$stmt->execute()) throw new RuntimeException($stmt->error);
        $result = $stmt->get_result();
        return $result ? $result->fetch_all(MYSQLI_ASSOC) : [];
    }

    public function isPostgres(): bool { return $this->pg; }

    public function installedVersion(): ?int {
        try {
            $rows = $this->exec("SELECT value FROM mha_config WHERE name = 'version'");
        } catch (RuntimeException $e) {
            return null;
        }
        return $rows ? (int)$rows[0]['value'] : null;
    }
}

function probe_db(): ProbeDb {
    try {
        return new ProbeDb();
    } catch (RuntimeException $e) {
        probe_fail(503, 'database', $e->getMessage());
    }
}

/** Every request writes a row, as Moodle's logstore and session bookkeeping do. */
function probe_record_hit(ProbeDb $db, string $what): void {
    try {
        $db->exec('INSERT INTO mha_hits (node, what) VALUES (?, ?)', [probe_node(), $what]);
    } catch (RuntimeException $e) {
        probe_fail(503, 'database', $e->getMessage());
    }
}

/** Sessions go through the same PHP handler Moodle's \core\session\memcached or redis class uses. */
function probe_session_start(): void {
    $kind = probe_env('MHA_CACHE_KIND', 'memcached');
    $path = probe_env('MHA_SESSION_SAVE_PATH', 'cache:11211');
    if ($kind === 'redis') {
        ini_set('session.save_handler', 'redis');
        ini_set('session.save_path', $path);
    } else {
        ini_set('session.save_handler', 'memcached');
        ini_set('session.save_path', $path);
        ini_set('memcached.sess_prefix', 'memc.sess.key.');
        ini_set('memcached.sess_connect_timeout', '1000');
        // A node killed mid-request leaves its session lock behind. With PHP's defaults the lock
        // lives for max_execution_time (30 s) and waiters give up after ~0.75 s, so that user gets
        // errors for half a minute (Moodle's usual lock_expire of 7200 s is far worse; the
        // kill-web drill notes it for real Moodle). The probe stands for a tuned cluster: locks
        // expire after 5 s and waiters keep trying for ~8 s, so the user sees one slow request.
        ini_set('memcached.sess_lock_expire', '5');
        ini_set('memcached.sess_lock_wait_min', '100');
        ini_set('memcached.sess_lock_wait_max', '500');
        ini_set('memcached.sess_lock_retries', '20');
    }
    session_name('MoodleSession');
    session_set_cookie_params(['path' => '/', 'httponly' => true, 'samesite' => 'Lax']);
    if (!@session_start()) {
        $error = error_get_last();
        probe_fail(500, 'session', 'Session store unavailable: ' . ($error['message'] ?? 'session_start failed'));
    }
}

function probe_content_path(string $hash): string {
    return probe_dataroot() . '/filedir/' . substr($hash, 0, 2) . '/' . substr($hash, 2, 2) . '/' . $hash;
}

/** Shared by upgrade.php and install_database.php: the probe's whole schema. */
function probe_install_schema(ProbeDb $db): void {
    $id = $db->isPostgres() ? 'BIGSERIAL PRIMARY KEY' : 'BIGINT AUTO_INCREMENT PRIMARY KEY';
    $db->exec("CREATE TABLE IF NOT EXISTS mha_config (name VARCHAR(100) PRIMARY KEY, value VARCHAR(255) NOT NULL)");
    $db->exec("CREATE TABLE IF NOT EXISTS mha_hits (id $id, node VARCHAR(64) NOT NULL, what VARCHAR(32) NOT NULL)");
    $db->exec("CREATE TABLE IF NOT EXISTS mha_files (contenthash CHAR(40) PRIMARY KEY, size INTEGER NOT NULL)");
}

function probe_set_version(ProbeDb $db, int $version): void {
    $db->exec("DELETE FROM mha_config WHERE name = 'version'");
    $db->exec("INSERT INTO mha_config (name, value) VALUES ('version', ?)", [$version]);
}
