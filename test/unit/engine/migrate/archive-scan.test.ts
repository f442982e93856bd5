import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ArchiveScanner } from '../../../../src/engine/migrate/archive-scan';
import { tarFiles } from '../../../../src/engine/sim/docker/tar';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const pool = (content: string, name = sha1(content)) => ({ name: `moodledata/filedir/${name.slice(0, 2)}/${name.slice(2, 4)}/${name}`, content });

describe('migrate/archive-scan', () => {
  it('hashes every pool file, finds the archive root, and flags content that does not match its name', () => {
    const good = pool('hello');
    const bad = pool('tampered', sha1('original'));
    const tar = tarFiles([good, bad, { name: 'moodledata/cache/x.cache', content: 'cc' }, { name: 'moodledata/muc/config.php', content: '<?php' }]);
    const s = new ArchiveScanner();
    for (let i = 0; i < tar.length; i += 100) s.write(tar.subarray(i, i + 100));
    const r = s.end();
    assert.equal(r.root, 'moodledata/');
    assert.deepEqual(r.poolHashes, [sha1('hello')]);
    assert.deepEqual(r.poolMismatches, [sha1('original')]);
    assert.deepEqual(r.skippable, { cache: 2 });
    assert.equal(r.files, 4);
    assert.equal(r.complete, true);
  });

  it('says an archive cut in the middle of a file is not complete', () => {
    const tar = tarFiles([pool('x'.repeat(3000))]);
    const s = new ArchiveScanner();
    s.write(tar.subarray(0, 1500));
    assert.equal(s.end().complete, false);
  });
});
