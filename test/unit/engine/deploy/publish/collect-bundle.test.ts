import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectBundle } from '../../../../../src/engine/deploy/publish/collect-bundle';

describe('collectBundle', () => {
  let dir: string;
  const write = (name: string, text = 'x') => { fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true }); fs.writeFileSync(path.join(dir, name), text); };
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bundle-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the code, template and hooks, and says what it left out and why', () => {
    for (const f of ['hooks/before_install.sh', 'config.php.template', 'moodle/index.php', 'moodle/config-dist.php', 'moodle/config.php', '.git/HEAD', '.env', 'moodledata/filedir/x', 'moodle/vendor/big.bin', '.moodlehaignore']) write(f);
    write('appspec.yml', 'version: 0.0\nos: linux\nfiles:\n  - source: moodle\n    destination: /var/www/moodle\n');
    write('.moodlehaignore', '# local\nmoodle/vendor/\n');
    const b = collectBundle(dir);
    assert.deepEqual(b.files.map((f) => f.name), ['.moodlehaignore', 'appspec.yml', 'config.php.template', 'hooks/before_install.sh', 'moodle/config-dist.php', 'moodle/index.php']);
    fs.rmSync(path.join(dir, 'moodle', 'config-dist.php'));
    assert.ok(collectBundle(dir).excluded.some((e) => e.name === 'moodle/config.php'), 'the folder appspec.yml copies is a Moodle root too');
    const excluded = Object.fromEntries(b.excluded.map((e) => [e.name, e.reason]));
    assert.match(excluded['.git/'], /version control/);
    assert.match(excluded['moodle/config.php'], /secrets/);
    assert.match(excluded['.env'], /secrets/);
    assert.match(excluded['moodledata/'], /shared storage/);
    assert.match(excluded['moodle/vendor/'], /\.moodlehaignore/);
  });

  it('MEDIUM-4: leaves out the secret and backup files the review found, and lists included dotfiles and dumps', () => {
    write('appspec.yml');
    write('code/config-dist.php');
    const secrets = ['code/.aws/credentials', 'code/.ssh/id_rsa', 'code/.htpasswd', 'code/.npmrc', 'code/config.php.bak', 'code/config.php~', 'code/config-old.php',
      'code/prod.env', 'code/server.key', 'code/cert.p12', 'code/id_ed25519', 'code/id_ed25519.pub', 'code/lib/db.php.orig', 'code/lib/x.old', 'code/admin/#x.php#'];
    for (const f of secrets) write(f);
    write('code/server.pem', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n');
    write('code/lib/cacert.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    write('code/.eslintrc');
    write('code/backup.sql');
    const b = collectBundle(dir);
    const excluded = new Set(b.excluded.map((e) => e.name));
    for (const f of [...secrets.filter((s) => !s.startsWith('code/.aws') && !s.startsWith('code/.ssh')), 'code/.aws/', 'code/.ssh/', 'code/server.pem']) assert.ok(excluded.has(f), `${f} excluded`);
    assert.deepEqual(b.files.map((f) => f.name), ['appspec.yml', 'code/.eslintrc', 'code/backup.sql', 'code/config-dist.php', 'code/lib/cacert.pem']);
    assert.deepEqual(b.noteworthy, [{ name: 'code/.eslintrc', reason: 'dotfile' }, { name: 'code/backup.sql', reason: 'possible database dump' }]);
  });

  it('keeps Moodle\'s own config.php files that are not a site configuration (theme/boost/config.php, cache/classes/config.php)', () => {
    for (const f of ['appspec.yml', 'code/config-dist.php', 'code/config.php', 'code/theme/boost/config.php', 'code/cache/classes/config.php', 'code/group/tests/behat/id_uniqueness.feature']) write(f);
    const names = collectBundle(dir).files.map((f) => f.name);
    assert.deepEqual(names, ['appspec.yml', 'code/cache/classes/config.php', 'code/config-dist.php', 'code/group/tests/behat/id_uniqueness.feature', 'code/theme/boost/config.php']);
  });

  it('MEDIUM-3: refuses file names with backslashes or control characters, listing each, before anything is zipped', () => {
    write('appspec.yml');
    write('code/..\\..\\..\\..\\etc\\cron.d\\evil');
    write('hooks\\..\\..\\x.sh');
    write('code/bell\u0007.php');
    assert.throws(() => collectBundle(dir), (e: Error) => {
      assert.match(e.message, /3 file name\(s\) that are not safe in a zip archive, so nothing was uploaded/);
      assert.match(e.message, /"code\/\.\.\\\\\.\.\\\\.*evil": backslash/);
      assert.match(e.message, /"hooks\\\\\.\.\\\\\.\.\\\\x\.sh": backslash/);
      assert.match(e.message, /control character/);
      return true;
    });
  });

  it('refuses a folder without appspec.yml', () => {
    write('index.php');
    assert.throws(() => collectBundle(dir), /no appspec\.yml/);
  });
});
