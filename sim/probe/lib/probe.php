<?php
// Helpers of the probe app (see lib/setup.php for what it does on every request, in Moodle's order).
// Every setting comes from config.php ($CFG), rendered by the scaffold bundle's render-config.php,
// so the probe is exactly as right or as wrong as the file the scaffolder writes.

function probe_node(): string { return (string)gethostname(); }

function probe_code_version(): int {
    global $CFG;
    $version = 0;
    include $CFG->dirroot . '/version.php';
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

/**
 * An error before the page could run (database, session store, bad config): Moodle's early error
 * page answers 500; a CLI script prints the error and exits 1.
 */
function probe_early_error(string $message): void {
    if (CLI_SCRIPT) {
        fwrite(STDERR, "!!! $message !!!\n");
        exit(1);
    }
    if (!headers_sent()) {
        header(($_SERVER['SERVER_PROTOCOL'] ?? 'HTTP/1.0') . ' 500 Internal Server Error');
        header('Content-Type: text/html; charset=utf-8');
        header('Cache-Control: no-store, no-cache, must-revalidate');
    }
    echo '<!doctype html><title>Error</title><div class="errormessage">', htmlspecialchars($message), "</div>\n";
    exit;
}

/** As Moodle's redirect() with a message before output: 303 See Other to an absolute URL. */
function probe_redirect(string $url): void {
    header(($_SERVER['SERVER_PROTOCOL'] ?? 'HTTP/1.0') . ' 303 See Other');
    header('X-Redirect-By: Moodle');
    header('Location: ' . $url);
    echo '<!doctype html><a href="', htmlspecialchars($url), '">continue</a>', "\n";
    exit;
}

/** CLI scripts: Moodle's cli_error() (message on stderr, the given exit code). */
function probe_cli_exit(string $message, int $code = 1): void {
    fwrite($code === 0 ? STDOUT : STDERR, $message . "\n");
    exit($code);
}

/** A small database layer over mysqli or pgsql, as config.php's dbtype says; one connection per request. */
final class ProbeDb {
    private $conn;
    private bool $pg;
    /** Moodle's table prefix from config.php: the probe's tables carry it too. */
    public string $prefix;

    public function __construct(object $cfg) {
        $type = (string)($cfg->dbtype ?? '');
        if (!in_array($type, ['pgsql', 'mysqli', 'mariadb', 'auroramysql'], true)) throw new RuntimeException("unknown dbtype '$type'");
        $this->pg = $type === 'pgsql';
        $this->prefix = (string)($cfg->prefix ?? 'mdl_');
        $options = is_array($cfg->dboptions ?? null) ? $cfg->dboptions : [];
        $port = (int)($options['dbport'] ?? 0);
        $host = (string)$cfg->dbhost;
        if ($this->pg) {
            $dsn = sprintf("host='%s' dbname='%s' user='%s' password='%s' connect_timeout=2%s", addslashes($host), addslashes((string)$cfg->dbname),
                addslashes((string)$cfg->dbuser), addslashes((string)$cfg->dbpass), $port ? " port=$port" : '');
            $conn = @pg_connect($dsn, PGSQL_CONNECT_FORCE_NEW);
            if (!$conn) throw new RuntimeException('cannot connect to PostgreSQL: ' . (error_get_last()['message'] ?? 'refused'));
        } else {
            mysqli_report(MYSQLI_REPORT_OFF);
            $conn = mysqli_init();
            $conn->options(MYSQLI_OPT_CONNECT_TIMEOUT, 2);
            if (!@$conn->real_connect($host, (string)$cfg->dbuser, (string)$cfg->dbpass, (string)$cfg->dbname, $port ?: 3306)) {
                throw new RuntimeException('cannot connect to MariaDB: ' . mysqli_connect_error());
            }
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

    /** A table's full name: Moodle's prefix + the name, as {name} in Moodle's SQL. */
    public function t(string $name): string { return $this->prefix . $name; }

    /** The installed version, as Moodle's config table holds it; null before install. */
    public function installedVersion(): ?int {
        try {
            $rows = $this->exec('SELECT value FROM ' . $this->t('config') . " WHERE name = 'version'");
        } catch (RuntimeException $e) {
            return null;
        }
        return $rows ? (int)$rows[0]['value'] : null;
    }

    // The two read calls of Moodle's DML API that the bundle's ops scripts use (site-state.php).

    /** @return array<string, string> tables with the prefix, keyed by their name without it */
    public function get_tables(bool $usecache = true): array {
        $rows = $this->exec($this->pg ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()' : 'SHOW TABLES');
        $out = [];
        foreach ($rows as $row) {
            $name = (string)reset($row);
            if (strpos($name, $this->prefix) === 0) $out[substr($name, strlen($this->prefix))] = substr($name, strlen($this->prefix));
        }
        return $out;
    }

    /** @param array<int, string|int> $values */
    public function get_records_list(string $table, string $field, array $values): array {
        if (!preg_match('/^[a-z][a-z0-9_]*$/', $table . $field)) throw new RuntimeException('bad table or field name');
        if (!$values) return [];
        $rows = $this->exec('SELECT * FROM ' . $this->t($table) . " WHERE $field IN (" . implode(',', array_fill(0, count($values), '?')) . ')', array_values($values));
        return array_map(fn($r) => (object)$r, $rows);
    }

    /** A named lock held until released or the connection ends (Moodle's DB lock factories). */
    public function tryLock(string $name): bool {
        if ($this->pg) {
            $rows = $this->exec('SELECT pg_try_advisory_lock(hashtext(?)) AS got', [$name]);
            return ($rows[0]['got'] ?? 'f') === 't';
        }
        $rows = $this->exec('SELECT GET_LOCK(?, 0) AS got', [$name]);
        return (int)($rows[0]['got'] ?? 0) === 1;
    }

    public function unlock(string $name): void {
        $this->exec($this->pg ? 'SELECT pg_advisory_unlock(hashtext(?))' : 'SELECT RELEASE_LOCK(?)', [$name]);
    }
}

function probe_db(): ProbeDb {
    global $DB;
    return $DB;
}

/** Every request writes a row, as Moodle's log store does. */
function probe_record_hit(string $what): void {
    try {
        probe_db()->exec('INSERT INTO ' . probe_db()->t('mha_hits') . ' (node, what) VALUES (?, ?)', [probe_node(), $what]);
    } catch (RuntimeException $e) {
        probe_early_error('Database write failed: ' . $e->getMessage());
    }
}

function probe_content_path(string $hash): string {
    global $CFG;
    return $CFG->dataroot . '/filedir/' . substr($hash, 0, 2) . '/' . substr($hash, 2, 2) . '/' . $hash;
}

/** Shared by upgrade.php and install_database.php: the probe's whole schema. */
function probe_install_schema(ProbeDb $db): void {
    $id = $db->isPostgres() ? 'BIGSERIAL PRIMARY KEY' : 'BIGINT AUTO_INCREMENT PRIMARY KEY';
    $db->exec('CREATE TABLE IF NOT EXISTS ' . $db->t('config') . ' (name VARCHAR(100) PRIMARY KEY, value VARCHAR(255) NOT NULL)');
    $db->exec('CREATE TABLE IF NOT EXISTS ' . $db->t('mha_hits') . " (id $id, node VARCHAR(64) NOT NULL, what VARCHAR(32) NOT NULL)");
    $db->exec('CREATE TABLE IF NOT EXISTS ' . $db->t('mha_files') . ' (contenthash CHAR(40) PRIMARY KEY, size INTEGER NOT NULL)');
    $db->exec('CREATE TABLE IF NOT EXISTS ' . $db->t('mha_task_runs') . " (id $id, node VARCHAR(64) NOT NULL, task VARCHAR(64) NOT NULL)");
}

/** The version Moodle records in its config table; `rolesactive` marks a finished install, as in Moodle. */
function probe_set_version(ProbeDb $db, int $version): void {
    foreach (['version' => $version, 'rolesactive' => 1] as $name => $value) {
        $db->exec('DELETE FROM ' . $db->t('config') . ' WHERE name = ?', [$name]);
        $db->exec('INSERT INTO ' . $db->t('config') . ' (name, value) VALUES (?, ?)', [$name, $value]);
    }
}

/**
 * CLI options as Moodle's cli_get_params(): --name or --name=value; an option the script does not
 * know is an error (exit 1), as in Moodle.
 * @param array<string, mixed> $known defaults
 */
function probe_cli_options(array $known): array {
    global $argv;
    $options = $known;
    foreach (array_slice($argv, 1) as $arg) {
        if (!preg_match('/^--([a-z][a-z0-9-]*)(?:=(.*))?$/s', $arg, $m) || !array_key_exists($m[1], $known)) {
            probe_cli_exit("Unknown option: $arg", 1);
        }
        $options[$m[1]] = isset($m[2]) ? $m[2] : true;
    }
    return $options;
}
