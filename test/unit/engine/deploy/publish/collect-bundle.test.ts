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
    for (const f of ['appspec.yml', 'hooks/before_install.sh', 'config.php.template', 'moodle/index.php', 'moodle/config.php', '.git/HEAD', '.env', 'moodledata/filedir/x', 'moodle/vendor/big.bin', '.moodlehaignore']) write(f);
    write('.moodlehaignore', '# local\nmoodle/vendor/\n');
    const b = collectBundle(dir);
    assert.deepEqual(b.files.map((f) => f.name), ['.moodlehaignore', 'appspec.yml', 'config.php.template', 'hooks/before_install.sh', 'moodle/index.php']);
    const excluded = Object.fromEntries(b.excluded.map((e) => [e.name, e.reason]));
    assert.match(excluded['.git/'], /version control/);
    assert.match(excluded['moodle/config.php'], /secrets/);
    assert.match(excluded['.env'], /secrets/);
    assert.match(excluded['moodledata/'], /shared storage/);
    assert.match(excluded['moodle/vendor/'], /\.moodlehaignore/);
  });

  it('refuses a folder without appspec.yml', () => {
    write('index.php');
    assert.throws(() => collectBundle(dir), /no appspec\.yml/);
  });
});
