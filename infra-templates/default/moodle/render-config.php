<?php
// Renders config.php.template from environment variables, at deploy time (hooks/after-install.sh).
// {{NAME}} becomes the value as a PHP literal (var_export), so no value can break out of its string.
// Kinds: {{NAME}} required text, {{NAME?}} optional text, {{NAME:int}} / {{NAME:int?}} numbers,
// {{NAME:bool}} true for 1/true/yes/on (false when unset), {{NAME:url}} an http(s) address whose
// scheme and host are lower-cased (Moodle compares the request host case-sensitively),
// {{NAME:cidrs?}} a comma-separated list of IPv4/IPv6 CIDRs (spaces dropped).

if ($argc !== 2) {
    fwrite(STDERR, "usage: php render-config.php config.php.template > config.php\n");
    exit(2);
}
$template = file_get_contents($argv[1]);
if ($template === false) {
    fwrite(STDERR, "moodle-ha: cannot read {$argv[1]}\n");
    exit(2);
}

/** http(s)://Host[:port][/path] with the scheme and host lower-cased, or null when it is not such a URL. */
function moodle_ha_lower_host(string $url): ?string {
    if (!preg_match('~^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?(/[^?#]*)?$~i', $url, $m)) {
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
$rendered = preg_replace_callback('/\{\{([A-Z][A-Z0-9_]*)(:int|:bool|:url|:cidrs)?(\?)?\}\}/', function (array $m) use (&$problems): string {
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
        if (!preg_match('/^\d+$/', $value)) {
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
    fwrite(STDERR, "moodle-ha: cannot write config.php: " . implode('; ', $problems) . "\n");
    exit(1);
}
echo $rendered;
