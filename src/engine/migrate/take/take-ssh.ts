import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { MhaError } from '../../common/errors';
import { DumpScanner } from '../dump-scan';
import { ArchiveScanner } from '../archive-scan';
import { listPlugins } from '../plugins';
import type { SourceInventory } from '../inventory';
import type { ConfigSecrets } from '../php-config';
import { SshSession, type SshTarget } from '../ssh/ssh-session';
import { STEP, type MigrateContext } from './take-context';
import { PartFile, formatBytes } from './part-file';
import { readConfig } from './read-code';
import { parseVersionPhp } from '../php-config';
import { inventoryOf } from './take-files';
import {
  catCommand, codeTarCommand, databaseFactsCommand, dbFamily, dumpCommand, moodledataSizeCommand, moodledataTarCommand,
  parseDatabaseFacts, phpVersionCommand, type DbConnection,
} from './remote-commands';

export interface SshSource extends SshTarget {
  /** The folder on the server with config.php and version.php. */
  codeDir: string;
}

/**
 * Take from a running single server over SSH: inspect (config.php, version.php, database facts,
 * sizes), then the code, a consistent database dump and moodledata without caches, each into the
 * work folder through a .part file, each journalled. config.php's database password is read into
 * memory on every run and goes to the dump tool over stdin; it is never written anywhere.
 */
export async function takeOverSsh(ctx: MigrateContext, source: SshSource): Promise<SourceInventory> {
  const { journal, signal } = ctx;
  const done = journal.result<SourceInventory>(STEP.inventory);
  if (done) return done;
  const session = await SshSession.connect(source, journal.file('known_hosts.json'), signal);
  try {
    const configText = await readRemote(session, path.posix.join(source.codeDir, 'config.php'), signal);
    const configRedacted = journal.file('config.redacted.php');
    const config = readConfig(configText, configRedacted);
    const db = connectionOf(config.settings);
    const secrets: ConfigSecrets = config.secrets;
    const password = `${secrets.dbpass ?? ''}\n`;
    const dataroot = config.settings.dataroot;

    const { result: facts } = await journal.step(STEP.inspect, async () => {
      ctx.progress({ message: `Inspecting ${session.endpoint}…` });
      const version = parseVersionPhp(await readRemote(session, path.posix.join(source.codeDir, 'version.php'), signal));
      const dbFacts = await session.run(databaseFactsCommand(db), { stdin: password, signal });
      if (dbFacts.code !== 0) throw dbError(dbFacts.stderr, db);
      const parsed = parseDatabaseFacts(dbFacts.stdout);
      const size = await session.run(moodledataSizeCommand(dataroot), { signal });
      const php = await session.run(phpVersionCommand(), { signal });
      return {
        version, config: { settings: config.settings, secretNames: config.secretNames }, plugins: [] as string[],
        phpVersion: php.stdout.trim() || undefined, sizeBytes: parsed.sizeBytes, serverVersion: parsed.serverVersion,
        tables: parsed.tables, moodledataBytes: Number(size.stdout.trim()) || 0,
      };
    });

    const { result: code } = await journal.step(STEP.code, async () => {
      const started = Date.now();
      const tarFile = journal.file('code.tar');
      await copyRemote(ctx, session, codeTarCommand(source.codeDir), tarFile, () => undefined, 'the code');
      const codeDir = journal.file('code');
      fs.rmSync(codeDir, { recursive: true, force: true });
      fs.mkdirSync(codeDir, { recursive: true });
      await extractTar(tarFile, codeDir);
      return { plugins: listPlugins(codeDir), seconds: (Date.now() - started) / 1000 };
    });

    const { result: database } = await journal.step(STEP.database, async () => {
      const started = Date.now();
      const scanner = new DumpScanner(config.settings.prefix ?? 'mdl_');
      await copyRemote(ctx, session, dumpCommand(db), journal.file('database.sql'), (c) => scanner.write(c), 'the database dump', {
        stdin: password, expected: facts.sizeBytes, rows: () => scanner.progress.rows, failure: (stderr) => dbError(stderr, db),
      });
      const scan = scanner.end();
      if (!scan.complete) {
        throw new MhaError('migrate.input', 'The dump from the source ended before its last table (no "Dump completed" line).', { nextStep: 'Check free space and the database server log on the source, then run the command again.' });
      }
      return { scan, seconds: (Date.now() - started) / 1000 };
    });

    const { result: moodledata } = await journal.step(STEP.moodledata, async () => {
      const started = Date.now();
      const scanner = new ArchiveScanner();
      await copyRemote(ctx, session, moodledataTarCommand(dataroot), journal.file('moodledata.tar'), (c) => scanner.write(c), 'moodledata', {
        expected: facts.moodledataBytes, files: () => scanner.progress.files,
        // GNU tar exits 1 when a file changed while it was read (a live site): the copy is still whole.
        okCodes: [0, 1],
      });
      return { scan: scanner.end(), seconds: (Date.now() - started) / 1000 };
    });

    const inventory = inventoryOf('ssh', `${source.username}@${session.endpoint}`, { ...facts, plugins: code.plugins }, database, moodledata, {
      dump: journal.file('database.sql'), moodledata: journal.file('moodledata.tar'), code: journal.file('code'), configRedacted,
    }, code.seconds);
    await journal.step(STEP.inventory, async () => inventory);
    return inventory;
  } finally {
    session.close();
  }
}

export function connectionOf(settings: Record<string, string>): DbConnection {
  const family = dbFamily(settings.dbtype);
  if (!family) throw new MhaError('migrate.input', `config.php's dbtype '${settings.dbtype}' is not one the HA stack runs (mysqli, mariadb, auroramysql, pgsql).`, { nextStep: 'Migrate the site to MySQL/MariaDB or PostgreSQL first (Moodle\'s admin/tool/dbtransfer).' });
  const options = settings.dboptions ?? '';
  const port = /['"]dbport['"]\s*=>\s*['"]?(\d+)/.exec(options)?.[1];
  const socket = /['"]dbsocket['"]\s*=>\s*['"]([^'"]+)['"]/.exec(options)?.[1];
  return { family, host: settings.dbhost ?? 'localhost', port, socket, name: settings.dbname ?? 'moodle', user: settings.dbuser ?? 'root' };
}

function dbError(stderr: string, db: DbConnection): MhaError {
  const text = stderr.trim().split('\n').slice(-3).join(' ');
  if (/command not found/.test(text)) {
    return new MhaError('migrate.ssh', `The source server has no ${db.family === 'mysql' ? 'mysqldump/mysql' : 'pg_dump/psql'} client: ${text}`, { nextStep: `Install the database client on the source (apt-get install ${db.family === 'mysql' ? 'mariadb-client' : 'postgresql-client'}), then run the command again.` });
  }
  return new MhaError('migrate.ssh', `The source database refused the dump: ${text}`, { nextStep: `Check that config.php's database user '${db.user}' may read every table (and has SHOW VIEW/TRIGGER/PROCESS for routines), then run the command again.` });
}

async function readRemote(session: SshSession, file: string, signal?: AbortSignal): Promise<string> {
  const r = await session.run(catCommand(file), { signal });
  if (r.code !== 0) throw new MhaError('migrate.ssh', `Cannot read ${file} on the source: ${r.stderr.trim()}`, { nextStep: 'Check --code-dir, and that the SSH user may read the Moodle code folder.' });
  return r.stdout;
}

async function copyRemote(
  ctx: MigrateContext, session: SshSession, command: string, file: string, feed: (c: Buffer) => void, what: string,
  options: { stdin?: string; expected?: number; rows?: () => number; files?: () => number; failure?: (stderr: string) => MhaError; okCodes?: number[] } = {},
): Promise<void> {
  const started = Date.now();
  const report = (bytes: number) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const counts = options.rows ? `, ${options.rows().toLocaleString('en')} rows` : options.files ? `, ${options.files().toLocaleString('en')} files` : '';
    ctx.progress({
      message: `Copying ${what}: ${formatBytes(bytes)}${options.expected ? ` of ~${formatBytes(options.expected)}` : ''}${counts} (${formatBytes(bytes / seconds)}/s)`,
      percent: options.expected ? Math.min(99, Math.round((bytes / options.expected) * 100)) : undefined,
    });
  };
  const part = new PartFile(file, feed, report);
  let stderr = '';
  let code: number;
  try {
    code = await session.stream(command, { stdin: options.stdin, signal: ctx.signal, sink: part, what, onStderr: (d) => { stderr += d.toString('utf8'); } });
    await new Promise<void>((resolve, reject) => part.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    await part.abandon();
    throw error;
  }
  if (!(options.okCodes ?? [0]).includes(code)) {
    await part.abandon();
    throw options.failure?.(stderr) ?? new MhaError('migrate.ssh', `Copying ${what} failed on the source (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`, { nextStep: 'Fix the cause on the source server, then run the command again.' });
  }
  await part.commit();
  report(part.bytes);
  ctx.logger.info(`took ${what}: ${formatBytes(part.bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function extractTar(tarFile: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', ['-C', into, '--no-same-owner', '-xf', tarFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new MhaError('migrate.input', `Unpacking the code failed: ${stderr.trim()}`))));
  });
}
