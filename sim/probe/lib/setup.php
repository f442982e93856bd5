<?php
// The probe's lib/setup.php, required by the config.php the scaffold bundle renders (as Moodle's is).
// It does what Moodle 5.0's lib/setup.php does where high availability is decided, in Moodle's order:
//  1. CLI maintenance: climaintenance.html in dataroot -> 503 on every page (CLI scripts carry on);
//  2. a database connection with config.php's credentials, every request (failure -> 500);
//  3. the wwwroot check (initialise_fullme): Host must equal wwwroot's host, case-sensitive, and
//     its port; otherwise 303 to the same path under wwwroot; sslproxy and reverseproxy as Moodle;
//  4. the session through the configured handler (lib/session.php), unless NO_MOODLE_COOKIES;
//  5. the application cache where moodledata/muc/config.php maps it (lib/muc.php), when a page asks.
// Nothing here is kinder than Moodle: no private lock expiry, no Host fallback, no retry.

global $CFG, $DB;
if (!defined('MOODLE_INTERNAL')) define('MOODLE_INTERNAL', true);
if (!defined('CLI_SCRIPT')) define('CLI_SCRIPT', false);
$CFG->dirroot = dirname(__DIR__);
$CFG->libdir = __DIR__;
require_once __DIR__ . '/probe.php';
require_once __DIR__ . '/session.php';
require_once __DIR__ . '/muc.php';
// Moodle's ABORT_AFTER_CONFIG: config.php only (no database, no session), for scripts such as the
// failover lock sweep that need its settings and nothing else.
if (defined('ABORT_AFTER_CONFIG')) return;

if (empty($CFG->wwwroot) || substr($CFG->wwwroot, -1) === '/') probe_early_error('$CFG->wwwroot must be set and must not end with a slash');
if (empty($CFG->dataroot)) probe_early_error('$CFG->dataroot is not set in config.php');
$CFG->cachedir = $CFG->cachedir ?? $CFG->dataroot . '/cache';

if (file_exists("$CFG->dataroot/climaintenance.html")) {
    if (!CLI_SCRIPT) {
        header(($_SERVER['SERVER_PROTOCOL'] ?? 'HTTP/1.0') . ' 503 Moodle under maintenance');
        header('Status: 503 Moodle under maintenance');
        header('Retry-After: 300');
        header('Content-type: text/html; charset=utf-8');
        header('Cache-Control: no-store, no-cache, must-revalidate');
        readfile("$CFG->dataroot/climaintenance.html");
        die;
    }
    if (!defined('CLI_MAINTENANCE')) define('CLI_MAINTENANCE', true);
} else if (!defined('CLI_MAINTENANCE')) {
    define('CLI_MAINTENANCE', false);
}

try {
    $DB = new ProbeDb($CFG);
} catch (RuntimeException $e) {
    probe_early_error('Database connection failed: ' . $e->getMessage());
}
$CFG->version = $DB->installedVersion();

if (!CLI_SCRIPT) probe_initialise_fullme();

if (!defined('NO_MOODLE_COOKIES')) define('NO_MOODLE_COOKIES', CLI_SCRIPT || empty($CFG->version));
if (!NO_MOODLE_COOKIES) probe_session_start();

/** Moodle's initialise_fullme() for web requests: redirects a request that did not come through wwwroot. */
function probe_initialise_fullme(): void {
    global $CFG;
    $host = isset($_SERVER['HTTP_HOST']) ? explode(':', $_SERVER['HTTP_HOST'])[0] : null;
    // Apache (UseCanonicalName Off) takes SERVER_PORT from the Host header's port.
    $port = (int)($_SERVER['SERVER_PORT'] ?? 80);
    $path = (string)($_SERVER['SCRIPT_NAME'] ?? '/');
    $fullpath = str_replace(['"', "'"], ['%22', '%27'], (string)($_SERVER['REQUEST_URI'] ?? $path));
    $https = !empty($_SERVER['HTTPS']) && strtolower((string)$_SERVER['HTTPS']) !== 'off';
    $www = parse_url($CFG->wwwroot . '/');
    $wwwpath = $www['path'] ?? '/';
    $hostpart = preg_replace('|^(.*?[^:/])/.*$|', '$1', $CFG->wwwroot);

    if (empty($host)) {
        // No Host header: not a browser; Moodle lets it through.
    } else if (!empty($CFG->reverseproxy)) {
        // Reverse proxy mode: the Host is the proxy's, not wwwroot's.
    } else if ($host !== $www['host'] || (!empty($www['port']) && $port != $www['port']) || strpos($path, $wwwpath) !== 0) {
        if (!defined('NO_MOODLE_COOKIES')) define('NO_MOODLE_COOKIES', true);
        $target = strpos($fullpath, $wwwpath) === 0 ? $CFG->wwwroot . substr($fullpath, strlen($wwwpath) - 1) : $hostpart . $fullpath;
        probe_redirect($target);
    }
    if (strpos($path, $wwwpath) !== 0) return;
    if (empty($CFG->sslproxy)) {
        if (!$https && ($www['scheme'] ?? '') === 'https') probe_redirect($CFG->wwwroot);
    } else {
        if (($www['scheme'] ?? '') !== 'https') probe_early_error('Must use https address in wwwroot when ssl proxy enabled!');
        $_SERVER['HTTPS'] = 'on';
        $_SERVER['SERVER_PORT'] = 443;
    }
    if (!empty($CFG->reverseproxy) && $host === $www['host'] && (empty($www['port']) || $port === $www['port'])) {
        probe_early_error('Reverse proxy enabled, but the server is accessed directly by its wwwroot address');
    }
}
