import { MOODLEDATA_EXCLUDED } from '../archive-scan';

/**
 * The shell commands the take runs on the source server, built here as plain strings so they are
 * tested without a server. Passwords never appear in them: the command reads it from stdin.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface DbConnection { family: 'mysql' | 'postgres'; host: string; port?: string; name: string; user: string; socket?: string }

/** Moodle's dbtype → the dump tool's family. */
export function dbFamily(dbtype: string | undefined): 'mysql' | 'postgres' | undefined {
  if (!dbtype) return undefined;
  if (/^(mysqli|mariadb|auroramysql)$/.test(dbtype)) return 'mysql';
  if (dbtype === 'pgsql') return 'postgres';
  return undefined;
}

function clientArgs(db: DbConnection): string {
  const parts: string[] = [];
  if (db.family === 'mysql') {
    // 'localhost' means the socket to the mysql clients, as it does to PHP's mysqli.
    if (db.host && db.host !== 'localhost') parts.push(`-h ${shellQuote(db.host)}`);
    if (db.port) parts.push(`-P ${shellQuote(db.port)}`);
    if (db.socket) parts.push(`-S ${shellQuote(db.socket)}`);
    parts.push(`-u ${shellQuote(db.user)}`);
  } else {
    if (db.host) parts.push(`-h ${shellQuote(db.host)}`);
    if (db.port) parts.push(`-p ${shellQuote(db.port)}`);
    parts.push(`-U ${shellQuote(db.user)}`);
  }
  return parts.join(' ');
}

const readPassword = (variable: string) => `IFS= read -r ${variable}; export ${variable};`;

/** A consistent dump without locking a live site: one transaction, routines, utf8mb4, exact blobs. */
export function dumpCommand(db: DbConnection): string {
  if (db.family === 'mysql') {
    return `${readPassword('MYSQL_PWD')} exec mysqldump --single-transaction --routines --default-character-set=utf8mb4 --hex-blob --no-tablespaces ${clientArgs(db)} ${shellQuote(db.name)}`;
  }
  return `${readPassword('PGPASSWORD')} exec pg_dump --no-owner --no-privileges --encoding=UTF8 ${clientArgs(db)} ${shellQuote(db.name)}`;
}

/** One line per table: name, engine, collation, approximate rows, bytes; then the server version. */
export function databaseFactsCommand(db: DbConnection): string {
  if (db.family === 'mysql') {
    const sql = "SELECT table_name, COALESCE(engine,''), COALESCE(table_collation,''), COALESCE(table_rows,0), COALESCE(data_length+index_length,0) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'; SELECT 'version', VERSION(), '', 0, 0";
    return `${readPassword('MYSQL_PWD')} exec mysql -N -B ${clientArgs(db)} ${shellQuote(db.name)} -e ${shellQuote(sql)}`;
  }
  const sql = "SELECT relname, 'postgres', '', n_live_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables UNION ALL SELECT 'version', current_setting('server_version'), '', 0, 0";
  return `${readPassword('PGPASSWORD')} exec psql -At -F '\t' ${clientArgs(db)} ${shellQuote(db.name)} -c ${shellQuote(sql)}`;
}

const excludes = MOODLEDATA_EXCLUDED.map((d) => `--exclude=./${d}`).join(' ');

export function moodledataTarCommand(dataroot: string): string {
  return `exec tar -C ${shellQuote(dataroot)} ${excludes} -cf - .`;
}

export function moodledataSizeCommand(dataroot: string): string {
  return `du -sb ${excludes} ${shellQuote(dataroot)} | cut -f1`;
}

/** The code without config.php (taken on its own, its secrets removed) and without .git. */
export function codeTarCommand(codeDir: string): string {
  return `exec tar -C ${shellQuote(codeDir)} --exclude=./config.php --exclude=./.git -cf - .`;
}

export function catCommand(file: string): string { return `cat -- ${shellQuote(file)}`; }

export function phpVersionCommand(): string { return `php -r 'echo PHP_VERSION;' 2>/dev/null || true`; }

/** Table facts as printed by databaseFactsCommand. */
export function parseDatabaseFacts(output: string): { serverVersion?: string; sizeBytes: number; tables: Array<{ name: string; engine: string; collation: string; rows: number; bytes: number }> } {
  const tables: Array<{ name: string; engine: string; collation: string; rows: number; bytes: number }> = [];
  let serverVersion: string | undefined;
  for (const line of output.split('\n')) {
    const [name, engine, collation, rows, bytes] = line.split('\t');
    if (!name) continue;
    if (name === 'version') { serverVersion = engine; continue; }
    tables.push({ name, engine, collation, rows: Number(rows) || 0, bytes: Number(bytes) || 0 });
  }
  return { serverVersion, sizeBytes: tables.reduce((a, t) => a + t.bytes, 0), tables };
}
