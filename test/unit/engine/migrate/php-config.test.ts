import * as assert from 'node:assert/strict';
import { branchToRelease, parseConfigPhp, parseVersionPhp, redactConfigPhp } from '../../../../src/engine/migrate/php-config';

const config = `<?php  // Moodle configuration file
unset($CFG);
$CFG = new stdClass();
$CFG->dbtype    = 'mariadb';
$CFG->dbhost    = 'localhost'; // the socket
$CFG->dbpass    = 'S3cr;et\\'x';
// $CFG->dbname = 'commented';
$CFG->dbname    = 'moodle';
$CFG->dboptions = array (
  'dbport' => '3307',
);
$CFG->dataroot  = '/var/moodledata';
`;

describe('migrate/php-config', () => {
  it('reads settings, ignores commented ones, and keeps secrets apart', () => {
    const r = parseConfigPhp(config);
    assert.equal(r.settings.dbtype, 'mariadb');
    assert.equal(r.settings.dbhost, 'localhost');
    assert.equal(r.settings.dbname, 'moodle');
    assert.match(r.settings.dboptions, /'dbport' => '3307'/);
    assert.equal(r.settings.dbpass, undefined);
    assert.equal(r.secrets.dbpass, "S3cr;et'x");
    assert.deepEqual(r.secretNames, ['dbpass']);
  });

  it('treats salts, Redis auth and SMTP passwords as secrets too', () => {
    const r = parseConfigPhp("<?php\n$CFG->passwordsaltmain = 'salty';\n$CFG->session_redis_auth = 'r';\n$CFG->smtppass = 's';\n$CFG->auth = 'manual';\n");
    assert.deepEqual(r.secretNames.sort(), ['passwordsaltmain', 'session_redis_auth', 'smtppass']);
    assert.equal(r.settings.auth, 'manual');
  });

  it('redacts every secret value and nothing else', () => {
    const out = redactConfigPhp(config);
    assert.ok(!out.includes('S3cr'));
    assert.match(out, /\$CFG->dbpass {4}= '\*{8}';/);
    assert.match(out, /\$CFG->dbhost {4}= 'localhost';/);
  });

  it('reads version.php and turns a branch into a release', () => {
    const v = parseVersionPhp("<?php\n$version  = 2025041400.05;      // 20250414 = branching date\n$release  = '5.0 (Build: 20250414)';\n$branch   = '500';\n");
    assert.deepEqual(v, { version: 2025041400, release: '5.0 (Build: 20250414)', branch: '500' });
    assert.equal(branchToRelease('405'), '4.5');
    assert.equal(branchToRelease(''), undefined);
  });
});
