<?php
// Renders config.php.template from environment variables, at deploy time (hooks/after-install.sh).
// {{NAME}} becomes the value as a PHP literal (var_export), so no value can break out of its string.
// Kinds: {{NAME}} required text, {{NAME?}} optional text, {{NAME:int}} / {{NAME:int?}} numbers,
// {{NAME:bool}} true for 1/true/yes/on (false when unset).

if ($argc !== 2) {
    fwrite(STDERR, "usage: php render-config.php config.php.template > config.php\n");
    exit(2);
}
$template = file_get_contents($argv[1]);
if ($template === false) {
    fwrite(STDERR, "moodle-ha: cannot read {$argv[1]}\n");
    exit(2);
}

$problems = [];
$rendered = preg_replace_callback('/\{\{([A-Z][A-Z0-9_]*)(:int|:bool)?(\?)?\}\}/', function (array $m) use (&$problems): string {
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
