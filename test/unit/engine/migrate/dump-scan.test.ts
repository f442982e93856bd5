import * as assert from 'node:assert/strict';
import { DumpScanner, parseTuples } from '../../../../src/engine/migrate/dump-scan';

const header = '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n-- Server version\t10.11.6-MariaDB-0+deb12u1\n';
const create = (name: string, tail = ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;') =>
  `CREATE TABLE \`${name}\` (\n  \`id\` bigint(20) NOT NULL AUTO_INCREMENT,\n  \`name\` varchar(190) NOT NULL,\n  \`value\` longtext NOT NULL,\n  PRIMARY KEY (\`id\`)\n${tail}\n`;
const files = 'CREATE TABLE `mdl_files` (\n  `id` bigint(20) NOT NULL,\n  `contenthash` varchar(40) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n';
const done = '-- Dump completed on 2026-12-01  9:11:08\n';

function scan(text: string, chunk = 7) {
  const s = new DumpScanner();
  for (let i = 0; i < text.length; i += chunk) s.write(Buffer.from(text.slice(i, i + chunk)));
  return s.end();
}

describe('migrate/dump-scan', () => {
  it('counts rows, reads the Moodle version and the referenced content hashes, in any chunking', () => {
    const dump = header + create('mdl_config') + "INSERT INTO `mdl_config` VALUES (1,'version','2025041400'),(2,'a;b','it''s \\\\ \\n');\n"
      + files + "INSERT INTO `mdl_files` VALUES\n(1,'aa11'),\n(2,'bb22');\n" + done;
    const r = scan(dump);
    assert.equal(r.family, 'mysql');
    assert.equal(r.serverVersion, '10.11.6-MariaDB-0+deb12u1');
    assert.equal(r.complete, true);
    assert.equal(r.moodleVersion, 2025041400);
    assert.deepEqual(r.contentHashes, ['aa11', 'bb22']);
    assert.equal(r.tables.mdl_config.rows, 2);
    assert.equal(r.tables.mdl_files.rows, 2);
    assert.deepEqual(r.problems, []);
  });

  it('gives the same checksum for the same rows in another order or line layout, a different one for one changed value', () => {
    const a = scan(header + create('t') + "INSERT INTO `t` VALUES (1,'x','1'),(2,'y','2');\n" + done).tables.t.checksum;
    const b = scan(header + create('t') + "INSERT INTO `t` VALUES\n(2,'y','2'),\n(1,'x','1');\n" + done).tables.t.checksum;
    const c = scan(header + create('t') + "INSERT INTO `t` VALUES (1,'x','1'),(2,'y','3');\n" + done).tables.t.checksum;
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('gives the same checksum whatever byte a chunk boundary splits a UTF-8 character at', () => {
    const dump = Buffer.from(header + create('t') + "INSERT INTO `t` VALUES (1,'Ōmega «ü»','x');\n" + done);
    const whole = new DumpScanner(); whole.write(dump);
    const expected = whole.end().tables.t.checksum;
    for (let size = 1; size < 9; size++) {
      const s = new DumpScanner();
      for (let i = 0; i < dump.length; i += size) s.write(dump.subarray(i, i + size));
      assert.equal(s.end().tables.t.checksum, expected, `chunks of ${size} bytes`);
    }
  });

  it('finds a dump cut off mid-row and without its end marker', () => {
    const r = scan(header + create('t') + "INSERT INTO `t` VALUES (1,'x','1'),(2,'y");
    assert.equal(r.complete, false);
    assert.match(r.problems[0], /cut off/);
  });

  it('reads MyISAM and latin1 tables and column collations', () => {
    const r = scan(header + create('t', ') ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;') + done);
    assert.equal(r.tables.t.engine, 'MyISAM');
    assert.equal(r.tables.t.charset, 'latin1');
    assert.deepEqual(r.tables.t.collations, ['latin1_swedish_ci']);
  });

  it('reads pg_dump COPY data', () => {
    const r = scan('-- PostgreSQL database dump\n-- Dumped from database version 15.4\nCOPY public.mdl_config (id, name, value) FROM stdin;\n1\tversion\t2024100700\n2\tx\t\\N\n\\.\n-- PostgreSQL database dump complete\n');
    assert.equal(r.family, 'postgres');
    assert.equal(r.tables.mdl_config.rows, 2);
    assert.equal(r.moodleVersion, 2024100700);
    assert.equal(r.complete, true);
  });

  it('parses quoted strings with escapes and hex/NULL values', () => {
    const rows: Array<Array<string | null>> = [];
    assert.equal(parseTuples("(1,'a\\'b','c,d)',NULL,0xFF),(2,'',_binary 'z');", 0, (v) => rows.push(v)), 'end');
    assert.deepEqual(rows, [['1', "a'b", 'c,d)', null, '0xFF'], ['2', '', 'z']]);
    assert.equal(parseTuples("(1,'a'),", 0, () => undefined), 'more');
    assert.equal(parseTuples("(1,'a", 0, () => undefined), 'bad');
  });
});
