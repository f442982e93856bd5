import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from '../../../../../src/engine/deploy/publish/crc32';
import { writeZip } from '../../../../../src/engine/deploy/publish/zip-writer';

describe('zip writer', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-zip-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it('writes an archive Python\'s zipfile lists and tests, stored and deflated, with UTF-8 names', () => {
    const php = Buffer.from('<?php\n' + 'echo "moodle";\n'.repeat(500));
    const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251));
    const zip = writeZip([
      { name: 'appspec.yml', data: Buffer.from('version: 0.0\nos: linux\n') },
      { name: 'hooks/after_install.sh', data: Buffer.from('#!/bin/sh\necho ok\n'), mode: 0o100755 },
      { name: 'moodle/index.php', data: php },
      { name: 'moodle/lang/ça.txt', data: Buffer.from('é') },
      { name: 'bin.dat', data: random },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ]);
    assert.ok(zip.length < php.length, 'the PHP file was not compressed');
    const file = path.join(dir, 'b.zip');
    fs.writeFileSync(file, zip);
    const check = execFileSync('python3', ['-c', `
import zipfile, sys, json
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({i.filename: [i.file_size, i.compress_type, (i.external_attr >> 16) & 0o777] for i in z.infolist()}))
`, file], { encoding: 'utf8' });
    const listing = JSON.parse(check) as Record<string, [number, number, number]>;
    assert.deepEqual(Object.keys(listing), ['appspec.yml', 'hooks/after_install.sh', 'moodle/index.php', 'moodle/lang/ça.txt', 'bin.dat', 'empty.txt']);
    assert.equal(listing['moodle/index.php'][0], php.length);
    assert.equal(listing['moodle/index.php'][1], 8, 'deflated');
    assert.equal(listing['empty.txt'][1], 0, 'stored');
    assert.equal(listing['hooks/after_install.sh'][2], 0o755, 'hook lost its executable bit');
    const extracted = execFileSync('python3', ['-c', 'import zipfile,sys;sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("moodle/index.php"))', file]);
    assert.ok(extracted.equals(php));
  });

  it('is accepted by unzip too, when it is installed', function () {
    try { execFileSync('unzip', ['-v'], { stdio: 'ignore' }); } catch { this.skip(); }
    const file = path.join(dir, 'u.zip');
    fs.writeFileSync(file, writeZip([{ name: 'a/b.txt', data: Buffer.from('hello '.repeat(100)) }]));
    const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.match(out, /No errors detected/);
  });

  it('MEDIUM-3: refuses entry names that could leave the extraction folder, naming each', () => {
    for (const [name, why] of [['../x', /'\.' or '\.\.'/], ['code/../../etc/cron.d/evil', /'\.' or '\.\.'/], ['hooks\\..\\x.sh', /backslash/], ['/etc/passwd', /absolute/],
      ['C:/x', /absolute/], ['a//b', /empty path segment/], ['a/./b', /'\.' or '\.\.'/], ['a\nb', /control character/], ['', /empty name/]] as const) {
      assert.throws(() => writeZip([{ name: 'ok.txt', data: Buffer.from('x') }, { name, data: Buffer.from('x') }]), (e: Error) => {
        assert.match(e.message, /Refusing to write 1 unsafe zip entry name/);
        assert.match(e.message, why);
        return true;
      }, JSON.stringify(name));
    }
  });
});
