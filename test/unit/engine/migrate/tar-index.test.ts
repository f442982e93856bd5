import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexTar, migratedFiles } from '../../../../src/engine/migrate/cutover/tar-index';
import { asMhaError } from '../../../../src/engine/common/errors';

describe('migrate/cutover/tar-index (GNU tar makes the archives)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-tar-index-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const long = `repository/${'deep/'.repeat(30)}file.txt`;
  const files: Record<string, string> = { 'filedir/ab/cd/abcd': 'pool', [long]: 'long name', 'cache/x': 'skip', 'empty': '' };
  const data = path.join(dir, 'moodledata');
  for (const [rel, content] of Object.entries(files)) { fs.mkdirSync(path.dirname(path.join(data, rel)), { recursive: true }); fs.writeFileSync(path.join(data, rel), content); }
  const tar = path.join(dir, 'm.tar');
  execFileSync('tar', ['-C', data, '-cf', tar, '.']);

  it('finds each file and its bytes by offset, long names included; caches are not migrated', () => {
    const entries = indexTar(tar);
    const bytes = fs.readFileSync(tar);
    for (const [rel, content] of Object.entries(files)) {
      const e = entries.find((x) => x.name === rel);
      assert.ok(e, rel);
      assert.equal(bytes.subarray(e.offset, e.offset + e.size).toString(), content);
    }
    assert.deepEqual(migratedFiles(entries, '').map((f) => f.path).sort(), ['empty', 'filedir/ab/cd/abcd', long].sort());
  });

  it('a truncated archive or a gzipped one is refused with what to do', () => {
    const cut = path.join(dir, 'cut.tar');
    fs.writeFileSync(cut, fs.readFileSync(tar).subarray(0, 1024 + 100));
    execFileSync('gzip', ['-k', tar]);
    for (const file of [cut, `${tar}.gz`]) {
      let error: unknown;
      try { indexTar(file); } catch (e) { error = e; }
      assert.equal(asMhaError(error)?.code, 'migrate.upload', `${file}: ${String(error)}`);
      assert.ok(asMhaError(error)!.nextStep);
    }
  });
});
