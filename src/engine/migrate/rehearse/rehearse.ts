import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { Transform, Writable, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { throwIfCancelled } from '../../common/cancellation';
import { containerName, execIn } from '../../sim/docker/containers';
import { requireReplica, webNodes, type ReplicaState } from '../../sim/replica/replica-state';
import { cliDir } from '../../sim/replica/install-app';
import { DATA_DIR } from '../../sim/replica/node-specs';
import { DumpScanner } from '../dump-scan';
import { MOODLEDATA_EXCLUDED } from '../archive-scan';
import type { SourceInventory } from '../inventory';
import type { MigrateContext } from '../take/take-context';
import { formatBytes } from '../take/part-file';
import { isGzip } from '../take/scan-file';
import { execStream } from './exec-stream';
import { compareTables, comparePool, type VerifyResult } from './compare';
import { checkLogins, type LoginCheck } from './login-check';

export interface RehearseOptions {
  docker: Docker;
  project: string;
  /** The target code's version ($version of its version.php). */
  targetVersion: number;
  /** Users to try (password_verify against the restored user table, as Moodle's login does). */
  logins: Array<{ username: string; password: string }>;
}

export interface Measured { bytes: number; rows?: number; files?: number; seconds: number }

export interface RehearsalResult {
  restoreDb: Measured;
  restoreFiles: Measured;
  verifyDb: Measured;
  verifyFiles: Measured;
  upgrade?: { from: number; to: number; seconds: number };
  verify: VerifyResult;
  logins: LoginCheck[];
}

export const REHEARSE_STEP = { db: 'rehearse.database', files: 'rehearse.moodledata', verify: 'rehearse.verify', upgrade: 'rehearse.upgrade', logins: 'rehearse.logins' } as const;

/**
 * Restores the taken site into the running local replica and proves it arrived whole: the database
 * dumped again from the replica and compared table by table (rows and checksum), every pool file
 * hashed in place, then Moodle's upgrade when the target is newer, then logins. Each step journalled.
 * Verification runs before the upgrade: the upgrade changes tables on purpose.
 */
export async function rehearse(ctx: MigrateContext, inventory: SourceInventory, options: RehearseOptions): Promise<RehearsalResult> {
  const { journal, signal } = ctx;
  const state = await requireReplica(options.docker, options.project);
  if (state.plan.database.family !== (inventory.database.family === 'postgres' ? 'postgres' : 'mysql')) {
    throw new MhaError('migrate.restore', `The replica runs ${state.plan.database.family}, the source ${inventory.database.family}: a dump restores only into the same family.`, { nextStep: 'Start the replica from a template with the same database family.' });
  }
  if (state.plan.database.family === 'postgres') {
    throw new MhaError('migrate.restore', 'Rehearsing a PostgreSQL site is not built yet: the take and the checks handle pg_dump, the restore does not.', { nextStep: 'Restore the dump by hand with psql into the replica\'s db node for now.' });
  }
  const db = options.docker.getContainer(containerName(options.project, 'db'));
  const web = options.docker.getContainer(containerName(options.project, webNodes(state)[0].name));

  // Steps are kept per replica session: a replica started afresh is restored afresh.
  const step = (name: string) => `${name}@${state.session}`;
  const { result: restoreDb } = await journal.step(step(REHEARSE_STEP.db), () => restoreDatabase(ctx, db, inventory));
  throwIfCancelled(signal);
  const { result: restoreFiles } = await journal.step(step(REHEARSE_STEP.files), () => restoreMoodledata(ctx, web, inventory));
  throwIfCancelled(signal);
  const { result: verified } = await journal.step(step(REHEARSE_STEP.verify), () => verifyTarget(ctx, db, web, inventory));
  const { result: upgrade } = await journal.step(step(REHEARSE_STEP.upgrade), () => runUpgrade(ctx, state, db, web, inventory, options.targetVersion));
  const logins = await checkLogins(web, inventory.config.settings.prefix ?? 'mdl_', options.logins);
  return { restoreDb, restoreFiles, verifyDb: verified.db, verifyFiles: verified.files, verify: verified.result, upgrade: upgrade ?? undefined, logins };
}

async function restoreDatabase(ctx: MigrateContext, db: Docker.Container, inventory: SourceInventory): Promise<Measured> {
  const started = Date.now();
  const total = fs.statSync(inventory.files.dump).size;
  const file = readWithProgress(inventory.files.dump, (bytes) => ctx.progress({ message: `Restoring the database: ${formatBytes(bytes)} of ${formatBytes(total)}`, percent: Math.round((bytes / total) * 100) }));
  const input = isGzip(inventory.files.dump) ? file.pipe(zlib.createGunzip()) : file;
  const r = await execStream(db, ['mariadb', '--default-character-set=utf8mb4', 'moodle'], { input, signal: ctx.signal });
  throwIfCancelled(ctx.signal);
  if (r.exitCode !== 0) {
    throw new MhaError('migrate.restore', `Restoring the dump into the replica failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`, { nextStep: 'The replica may hold part of the data: run the rehearsal again (each table is dropped and restored whole), or recreate it with moodle-ha sim down && moodle-ha sim up.' });
  }
  return { bytes: total, rows: inventory.database.rows, seconds: (Date.now() - started) / 1000 };
}

async function restoreMoodledata(ctx: MigrateContext, web: Docker.Container, inventory: SourceInventory): Promise<Measured> {
  const started = Date.now();
  const staging = `${DATA_DIR}/.mha-restore`;
  // A rehearsal replaces the replica's moodledata; the staging folder keeps a failed copy away from it.
  const prep = await execIn(web, ['sh', '-c', `rm -rf ${staging} && mkdir -p ${staging}`]);
  if (prep.exitCode !== 0) throw new MhaError('migrate.restore', `Cannot prepare the replica's moodledata: ${prep.output}`);
  const total = fs.statSync(inventory.files.moodledata).size;
  const file = readWithProgress(inventory.files.moodledata, (bytes) => ctx.progress({ message: `Restoring moodledata: ${formatBytes(bytes)} of ${formatBytes(total)}`, percent: Math.round((bytes / total) * 100) }));
  try {
    await web.putArchive(file, { path: staging });
  } catch (error) {
    throw new MhaError('migrate.restore', `Copying moodledata into the replica failed: ${(error as Error).message}`, { nextStep: 'Run the rehearsal again; the replica\'s moodledata was not replaced.' });
  }
  const root = inventory.moodledata.root.replace(/\/$/, '');
  const from = root ? `${staging}/${root}` : staging;
  const drop = MOODLEDATA_EXCLUDED.map((d) => `"${from}/${d}"`).join(' ');
  const swap = [
    `rm -rf ${drop}`,
    `find ${DATA_DIR} -mindepth 1 -maxdepth 1 ! -name .mha-restore -exec rm -rf {} +`,
    `find "${from}" -mindepth 1 -maxdepth 1 -exec mv -t ${DATA_DIR} {} +`,
    `rm -rf ${staging}`,
    `chown -R www-data:www-data ${DATA_DIR}`,
  ].join(' && ');
  const r = await execIn(web, ['sh', '-c', swap]);
  if (r.exitCode !== 0) throw new MhaError('migrate.restore', `Moving moodledata into place failed: ${r.output.trim()}`, { nextStep: 'Run the rehearsal again.' });
  return { bytes: total, files: inventory.moodledata.files, seconds: (Date.now() - started) / 1000 };
}

async function verifyTarget(ctx: MigrateContext, db: Docker.Container, web: Docker.Container, inventory: SourceInventory) {
  ctx.progress({ message: 'Verifying the database: dumping the replica again and comparing every table…' });
  let started = Date.now();
  const scanner = new DumpScanner(inventory.config.settings.prefix ?? 'mdl_');
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { scanner.write(chunk); cb(); } });
  const tables = Object.keys(inventory.database.tables);
  const r = await execStream(db, ['mysqldump', '--single-transaction', '--default-character-set=utf8mb4', '--hex-blob', '--no-tablespaces', 'moodle', ...tables], { stdout: sink, signal: ctx.signal });
  if (r.exitCode !== 0) throw new MhaError('migrate.verify', `Dumping the replica's database for the comparison failed: ${r.stderr.trim()}`);
  const target = scanner.end();
  const dbMeasured = { bytes: target.bytes, rows: target.rows, seconds: (Date.now() - started) / 1000 };

  ctx.progress({ message: `Verifying moodledata: hashing ${inventory.moodledata.poolHashes.length.toLocaleString('en')} pool files in the replica…` });
  started = Date.now();
  const listing: Buffer[] = [];
  const hashSink = new Writable({ write(chunk: Buffer, _e, cb) { listing.push(chunk); cb(); } });
  const h = await execStream(web, ['sh', '-c', `cd ${DATA_DIR} && [ -d filedir ] && find filedir -type f -print0 | xargs -0 -r sha1sum || true`], { stdout: hashSink, signal: ctx.signal });
  if (h.exitCode !== 0) throw new MhaError('migrate.verify', `Hashing the replica's file pool failed: ${h.stderr.trim()}`);
  const text = Buffer.concat(listing).toString('utf8');
  const filesMeasured = { bytes: inventory.moodledata.bytes, files: inventory.moodledata.poolHashes.length, seconds: (Date.now() - started) / 1000 };
  const result: VerifyResult = { tables: compareTables(inventory.database, target), pool: comparePool(inventory.database.contentHashes, inventory.moodledata.poolHashes, text) };
  return { db: dbMeasured, files: filesMeasured, result };
}

async function runUpgrade(ctx: MigrateContext, state: ReplicaState, db: Docker.Container, web: Docker.Container, inventory: SourceInventory, targetVersion: number) {
  const from = inventory.database.moodleVersion ?? inventory.version.version;
  const started = Date.now();
  const cli = cliDir(state.plan);
  // The probe, like Moodle, reads the installed version from the restored {prefix}config table, so
  // its upgrade.php decides on the restored site exactly as Moodle's would: nothing to prepare.
  const pending = await execIn(web, ['php', `${cli}/upgrade.php`, '--is-pending'], {}, 'www-data');
  if (pending.exitCode === 0) return null;
  if (pending.exitCode !== 2) throw new MhaError('migrate.restore', `Moodle refused the restored database: ${pending.output.trim()}`, { nextStep: 'Read the message: a database newer than the code cannot be used (check refused it unless it changed since).' });
  ctx.progress({ message: `Running Moodle's upgrade (${from} → ${targetVersion})…` });
  const up = await execIn(web, ['php', `${cli}/upgrade.php`, '--non-interactive'], {}, 'www-data');
  if (up.exitCode !== 0) throw new MhaError('migrate.restore', `Moodle's upgrade failed in the replica: ${up.output.trim().split('\n').slice(-10).join('\n')}`, { nextStep: 'Fix the cause (often a plugin); the source is untouched. Then run the rehearsal again.' });
  return { from, to: targetVersion, seconds: (Date.now() - started) / 1000 };
}

/**
 * A file as a stream that counts what passes. Not a 'data' listener on the file: that would start
 * it flowing before the consumer is attached, and the first chunks would be lost.
 */
function readWithProgress(file: string, report: (bytes: number) => void): Readable {
  let bytes = 0;
  let last = 0;
  const counter = new Transform({
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      const now = Date.now();
      if (now - last > 250) { last = now; report(bytes); }
      cb(null, chunk);
    },
  });
  return fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(counter);
}
