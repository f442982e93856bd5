import type { ReplicaPlan } from '../plan/replica-plan';
import { sessionSavePath } from '../plan/addresses';

/**
 * config.php for a cluster (MOODLE.md): fixed wwwroot, shared dataroot/cachedir/tempdir/backuptempdir,
 * local localcachedir, sessions in the cache. The probe ignores it (it reads /etc/mha/env.php) but the
 * deploy hooks copy it the same way for both.
 */
export function renderMoodleConfig(plan: ReplicaPlan, prefix: string, dbPassword: string): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const session = plan.cache.kind === 'redis'
    ? [
        "$CFG->session_handler_class = '\\core\\session\\redis';",
        `$CFG->session_redis_host = ${q(plan.cache.replica ? `${prefix}.6` : `${prefix}.4`)};`,
        '$CFG->session_redis_port = 6379;',
      ]
    : [
        "$CFG->session_handler_class = '\\core\\session\\memcached';",
        `$CFG->session_memcached_save_path = ${q(sessionSavePath(plan, prefix))};`,
        "$CFG->session_memcached_prefix = 'memc.sess.key.';",
      ];
  return [
    '<?php',
    '// Written by moodle-ha sim for the local replica. Code is per node; moodledata is shared.',
    'unset($CFG);',
    'global $CFG;',
    '$CFG = new stdClass();',
    `$CFG->dbtype = ${q(plan.database.family === 'postgres' ? 'pgsql' : 'mariadb')};`,
    "$CFG->dblibrary = 'native';",
    `$CFG->dbhost = ${q(`${prefix}.3`)};`,
    "$CFG->dbname = 'moodle';",
    "$CFG->dbuser = 'moodle';",
    `$CFG->dbpass = ${q(dbPassword)};`,
    "$CFG->prefix = 'mdl_';",
    '$CFG->dboptions = [];',
    `$CFG->wwwroot = ${q(`http://127.0.0.1:${plan.lb.port}`)};`,
    '$CFG->sslproxy = false; // plain http on loopback: no TLS at the LB, unlike production',
    "$CFG->dataroot = '/mnt/moodledata';",
    "$CFG->cachedir = '/mnt/moodledata/cache';",
    "$CFG->tempdir = '/mnt/moodledata/temp';",
    "$CFG->backuptempdir = '/mnt/moodledata/backuptemp';",
    "$CFG->localcachedir = '/var/cache/moodle';",
    "$CFG->admin = 'admin';",
    '$CFG->directorypermissions = 02777;',
    ...session,
    "$CFG->lock_factory = 'auto';",
    '$CFG->preventexecpath = true;',
    '$CFG->disableupdateautodeploy = true;',
    "if (is_file(__DIR__ . '/lib/setup.php')) {",
    "    require_once(__DIR__ . '/lib/setup.php');",
    '}',
    '',
  ].join('\n');
}
