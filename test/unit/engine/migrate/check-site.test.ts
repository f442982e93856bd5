import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { checkSite, type TargetFacts } from '../../../../src/engine/migrate/check/check-site';
import { readRequirements } from '../../../../src/engine/migrate/check/environment-xml';
import type { SourceInventory } from '../../../../src/engine/migrate/inventory';

function source(over: Partial<SourceInventory> = {}, db: Partial<SourceInventory['database']> = {}): SourceInventory {
  return {
    kind: 'files', origin: 'test', version: { version: 2025041400, release: '5.0 (Build: 20250414)', branch: '500' },
    config: { settings: { dbtype: 'mariadb', dataroot: '/var/moodledata', prefix: 'mdl_', session_handler_class: '\\core\\session\\redis' }, secretNames: ['dbpass'] },
    plugins: ['mod_forum'], files: { dump: 'd.sql', moodledata: 'm.tar', code: 'code', configRedacted: 'c.php' },
    database: {
      family: 'mysql', serverVersion: '10.11.6-MariaDB', complete: true, moodleVersion: 2025041400, contentHashes: ['a'.repeat(40)], bytes: 10, rows: 1, problems: [],
      tables: { mdl_config: { name: 'mdl_config', engine: 'InnoDB', charset: 'utf8mb4', collations: ['utf8mb4_unicode_ci'], rows: 1, checksum: '', dataBytes: 1 } }, ...db,
    },
    moodledata: { root: '', files: 1, bytes: 10, poolHashes: ['a'.repeat(40)], poolMismatches: [], skippable: {}, complete: true },
    timings: { dumpSeconds: 1, moodledataSeconds: 1, codeSeconds: 0 }, ...over,
  };
}

const target = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  version: { version: 2025041400, release: '5.0', branch: '500' }, plugins: ['mod_forum'],
  requirements: { release: '5.0', requires: '4.2.3', database: { mariadb: '10.11.0', mysql: '8.4', postgres: '14' }, php: '8.2.0' },
  phpVersion: '8.2.29', db: { vendor: 'mariadb', version: '10.11.6' }, freeBytes: { work: 1e12, target: 1e12 }, workBytesNeeded: 0, ...over,
});

const codes = (s: SourceInventory, t = target()) => checkSite(s, t).map((f) => `${f.level}:${f.code}`);

describe('migrate/check-site', () => {
  it('passes a clean utf8mb4 InnoDB site moving to the same release', () => {
    assert.deepEqual(codes(source()).filter((c) => c.startsWith('refuse')), []);
  });

  it('refuses a dump from a newer Moodle than the target code', () => {
    assert.ok(codes(source({}, { moodleVersion: 2025100600 })).includes('refuse:version.newer'));
  });

  it('refuses a source older than the target release upgrades from (environment.xml requires)', () => {
    assert.ok(codes(source({ version: { version: 2022041900, release: '4.0 (Build: 20220419)', branch: '400' } }, { moodleVersion: 2022041900 })).includes('refuse:version.tooOld'));
  });

  it('refuses a truncated dump, MyISAM, latin1, missing and damaged pool files, missing plugins', () => {
    const s = source({ plugins: ['mod_forum', 'local_extra'], moodledata: { root: '', files: 1, bytes: 1, poolHashes: [], poolMismatches: ['b'.repeat(40)], skippable: {}, complete: true } }, {
      complete: false,
      tables: { mdl_config: { name: 'mdl_config', engine: 'MyISAM', charset: 'latin1', collations: ['latin1_swedish_ci'], rows: 1, checksum: '', dataBytes: 1 } },
    });
    const c = codes(s);
    for (const code of ['dump.truncated', 'db.engine', 'db.collation', 'files.missing', 'files.damaged', 'plugins.missing']) assert.ok(c.includes(`refuse:${code}`), code);
  });

  it('warns about file sessions and a localcachedir inside dataroot, and refuses when space is short', () => {
    const s = source({ config: { settings: { dbtype: 'mariadb', dataroot: '/d', localcachedir: '/d/localcache', prefix: 'mdl_' }, secretNames: [] } });
    const c = codes(s, target({ freeBytes: { work: 1, target: 1 }, workBytesNeeded: 100 }));
    for (const code of ['warn:settings.fileSessions', 'warn:settings.localcachedir', 'refuse:space.work', 'refuse:space.target']) assert.ok(c.includes(code), code);
  });

  it("reads Moodle 5.0's own requirements from environment.xml (MHA_MOODLE_DIR)", function () {
    const dir = process.env.MHA_MOODLE_DIR;
    if (!dir) this.skip();
    const r = readRequirements(fs.readFileSync(`${dir}/admin/environment.xml`, 'utf8'), '5.0');
    assert.equal(r?.requires, '4.2.3');
    assert.equal(r?.database.mariadb, '10.11.0');
    assert.equal(r?.php, '8.2.0');
  });

  it('reads requirements from an environment.xml block', () => {
    const xml = '<COMPATIBILITY_MATRIX><MOODLE version="4.5" requires="4.1.2"><DATABASE level="required"><VENDOR name="mariadb" version="10.6.7" /></DATABASE><PHP version="8.1.0" level="required"></PHP></MOODLE></COMPATIBILITY_MATRIX>';
    assert.deepEqual(readRequirements(xml, '4.5'), { release: '4.5', requires: '4.1.2', database: { mariadb: '10.6.7' }, php: '8.1.0' });
  });
});
