<?php
// Runs Moodle's own installer (admin/cli/install_database.php) with the admin password read from
// stdin (a Secrets Manager SecretString: the password itself, or JSON with a "password" field),
// so it never appears on a command line (ps, /proc) or on disk. Other options from the
// environment: MOODLE_ADMIN_USER, MOODLE_ADMIN_EMAIL, MOODLE_SITE_FULLNAME, MOODLE_SITE_SHORTNAME,
// MOODLE_SITE_LANG. Usage: <secret> | php install-site.php CODE_DIR
if (PHP_SAPI !== 'cli' || $argc !== 2) {
    fwrite(STDERR, "usage: <secret> | php install-site.php CODE_DIR\n");
    exit(2);
}
$moodlehasecret = rtrim((string) stream_get_contents(STDIN), "\r\n");
$moodlehajson = json_decode($moodlehasecret, true);
$moodlehapass = is_array($moodlehajson) ? ($moodlehajson['password'] ?? '') : $moodlehasecret;
unset($moodlehasecret, $moodlehajson);
if (!is_string($moodlehapass) || $moodlehapass === '') {
    fwrite(STDERR, "moodle-ha: the admin secret is empty, or JSON without a \"password\" field\n");
    exit(2);
}
$moodlehacode = rtrim($argv[1], '/');
$moodlehacli = is_dir($moodlehacode . '/public/admin/cli') ? $moodlehacode . '/public/admin/cli' : $moodlehacode . '/admin/cli';
$moodlehaoptions = [
    '--agree-license',
    '--adminpass=' . $moodlehapass,
    '--lang=' . (getenv('MOODLE_SITE_LANG') ?: 'en'),
    '--fullname=' . (getenv('MOODLE_SITE_FULLNAME') ?: 'Moodle'),
    '--shortname=' . (getenv('MOODLE_SITE_SHORTNAME') ?: 'moodle'),
];
foreach (['MOODLE_ADMIN_USER' => 'adminuser', 'MOODLE_ADMIN_EMAIL' => 'adminemail'] as $moodlehaenv => $moodlehaopt) {
    $moodlehavalue = getenv($moodlehaenv);
    if ($moodlehavalue !== false && $moodlehavalue !== '') {
        $moodlehaoptions[] = "--$moodlehaopt=$moodlehavalue";
    }
}
unset($moodlehapass);
// Moodle's cli_get_params() reads $_SERVER['argv']; the process's own argv stays as it was.
$_SERVER['argv'] = $argv = array_merge([$moodlehacli . '/install_database.php'], $moodlehaoptions);
$_SERVER['argc'] = $argc = count($argv);
unset($moodlehaoptions);
require($moodlehacli . '/install_database.php');
