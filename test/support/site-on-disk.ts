import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A small Moodle site as the files a user already has (a mysqldump, a moodledata tar, a code
 * folder), for tests of what happens after the take. The dump is real MariaDB SQL (it restores), the
 * pool is in Moodle's layout (filedir/aa/bb/<sha1>), and the archive is made by GNU tar, as the SSH
 * take makes it. `logRows` pads the dump so it needs several multipart parts.
 */
export interface SiteOnDisk { dump: string; moodledata: string; code: string; poolHashes: string[]; dataDir: string }

export function writeSiteOnDisk(dir: string, options: { files?: number; logRows?: number; extra?: Record<string, string> } = {}): SiteOnDisk {
  const data = path.join(dir, 'moodledata');
  const hashes: string[] = [];
  for (let i = 0; i < (options.files ?? 20); i++) {
    const content = `file ${i} ${'x'.repeat(i * 37)}`;
    const sha = createHash('sha1').update(content).digest('hex');
    const folder = path.join(data, 'filedir', sha.slice(0, 2), sha.slice(2, 4));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, sha), content);
    hashes.push(sha);
  }
  for (const [rel, content] of Object.entries({ 'lang/en_local/x.php': '<?php // local strings', 'cache/skip.cache': 'rebuilt', 'temp/t': 'rebuilt', ...options.extra })) {
    fs.mkdirSync(path.dirname(path.join(data, rel)), { recursive: true });
    fs.writeFileSync(path.join(data, rel), content);
  }
  const moodledata = path.join(dir, 'moodledata.tar');
  execFileSync('tar', ['-C', data, '-cf', moodledata, '.']);

  const code = path.join(dir, 'code');
  fs.mkdirSync(code, { recursive: true });
  fs.writeFileSync(path.join(code, 'version.php'), "<?php\n$version = 2025041400.00;\n$release = '5.0 (Build: 20250414)';\n$branch = '500';\n$maturity = MATURITY_STABLE;\n");
  fs.writeFileSync(path.join(code, 'config.php'), "<?php\n$CFG = new stdClass();\n$CFG->dbtype = 'mariadb';\n$CFG->dbhost = 'localhost';\n$CFG->dbname = 'moodle';\n$CFG->dbuser = 'moodle';\n$CFG->dbpass = 'Source-Secret-9';\n$CFG->prefix = 'mdl_';\n$CFG->wwwroot = 'https://moodle.school.example';\n$CFG->dataroot = '/var/moodledata';\n");

  const table = (name: string, columns: string) => `DROP TABLE IF EXISTS \`${name}\`;\nCREATE TABLE \`${name}\` (\n${columns},\n  PRIMARY KEY (\`id\`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n`;
  const lines = [
    '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n-- Server version\t10.11.6-MariaDB-0+deb12u1\n',
    table('mdl_config', '  `id` bigint(10) NOT NULL,\n  `name` varchar(190) NOT NULL,\n  `value` longtext NOT NULL'),
    "INSERT INTO `mdl_config` VALUES (1,'version','2025041400.00'),(2,'release','5.0');\n",
    table('mdl_files', '  `id` bigint(10) NOT NULL,\n  `contenthash` varchar(40) NOT NULL'),
    `INSERT INTO \`mdl_files\` VALUES ${hashes.map((h, i) => `(${i + 1},'${h}')`).join(',')};\n`,
    table('mdl_logstore_standard_log', '  `id` bigint(10) NOT NULL,\n  `eventname` varchar(255) NOT NULL,\n  `other` longtext'),
  ];
  const rows = options.logRows ?? 10;
  for (let start = 0; start < rows; start += 1000) {
    const batch: string[] = [];
    for (let i = start; i < Math.min(rows, start + 1000); i++) batch.push(`(${i + 1},'\\\\core\\\\event\\\\course_viewed','${createHash('sha256').update(String(i)).digest('hex').repeat(4)}')`);
    lines.push(`INSERT INTO \`mdl_logstore_standard_log\` VALUES ${batch.join(',')};\n`);
  }
  lines.push('-- Dump completed on 2026-12-01  9:11:08\n');
  const dump = path.join(dir, 'database.sql');
  fs.writeFileSync(dump, lines.join(''));
  return { dump, moodledata, code, poolHashes: hashes.sort(), dataDir: data };
}
