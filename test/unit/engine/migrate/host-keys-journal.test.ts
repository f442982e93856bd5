import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decideHostKey, fingerprint } from '../../../../src/engine/migrate/ssh/host-keys';
import { Journal } from '../../../../src/engine/migrate/journal';
import { dumpCommand } from '../../../../src/engine/migrate/take/remote-commands';

describe('migrate/host keys and journal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-migrate-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown key until confirmed, then trusts it, and refuses a changed one', () => {
    const file = path.join(dir, 'known.json');
    const key = Buffer.from('key-one');
    const first = decideHostKey(file, 'h:22', key);
    assert.equal(first.ok, false);
    assert.match(first.error!.message, /First connection/);
    assert.equal(decideHostKey(file, 'h:22', key, fingerprint(key)).ok, true);
    assert.equal(decideHostKey(file, 'h:22', key).ok, true);
    const changed = decideHostKey(file, 'h:22', Buffer.from('key-two'), fingerprint(Buffer.from('key-two')));
    assert.equal(changed.ok, false);
    assert.match(changed.error!.message, /CHANGED/);
    assert.match(changed.error!.nextStep!, /forget-host/);
  });

  it('does not run a finished step again, also after reopening, and runs an interrupted one', async () => {
    const work = path.join(dir, 'work');
    let runs = 0;
    await Journal.open(work).step('a', async () => ++runs);
    await assert.rejects(Journal.open(work).step('b', async () => { throw new Error('cut'); }));
    const again = Journal.open(work);
    assert.deepEqual(await again.step('a', async () => ++runs), { result: 1, skipped: true });
    assert.equal(again.done('b'), false);
    assert.equal(runs, 1);
  });

  it('keeps the password out of the dump command line (it is read from stdin)', () => {
    const cmd = dumpCommand({ family: 'mysql', host: 'localhost', name: 'moodle', user: 'moodle' });
    assert.match(cmd, /read -r MYSQL_PWD/);
    assert.match(cmd, /--single-transaction --routines --default-character-set=utf8mb4/);
    assert.doesNotMatch(cmd, /-p\S/);
  });
});
