import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import { DumpScanner, type DumpScan } from '../dump-scan';
import { ArchiveScanner, type ArchiveScan } from '../archive-scan';
import { listPlugins } from '../plugins';
import type { SourceInventory } from '../inventory';
import { STEP, type MigrateContext } from './take-context';
import { fileIdentity, scanLocalFile } from './scan-file';
import { formatBytes } from './part-file';
import { readConfig, readVersion } from './read-code';

export interface FileSource { dump: string; moodledata: string; code: string }

/**
 * Take from what the user already has: the files are read where they are (never changed, never
 * copied), scanned once, and the scans journalled. Other files than last time start over.
 */
export async function takeFromFiles(ctx: MigrateContext, source: FileSource): Promise<SourceInventory> {
  const { journal } = ctx;
  const files = { dump: path.resolve(source.dump), moodledata: path.resolve(source.moodledata), code: path.resolve(source.code) };
  for (const [what, file] of Object.entries(files)) {
    if (!fs.existsSync(file)) throw new MhaError('migrate.input', `The ${what} ${file} does not exist.`, { nextStep: 'Check the path you gave.' });
  }
  const identity = [fileIdentity(files.dump), fileIdentity(files.moodledata), files.code].join('|');
  const inspected = journal.result<{ identity: string }>(STEP.inspect);
  if (inspected && inspected.identity !== identity) {
    ctx.logger.info('the input files changed since the last run: taking them again');
    journal.forget(STEP.inspect);
  }
  const configRedacted = journal.file('config.redacted.php');

  const { result: facts } = await journal.step(STEP.inspect, async () => {
    const configFile = path.join(files.code, 'config.php');
    if (!fs.existsSync(configFile)) throw new MhaError('migrate.input', `${files.code} has no config.php.`, { nextStep: "Give the code folder of the running site (with its config.php)." });
    const config = readConfig(fs.readFileSync(configFile, 'utf8'), configRedacted);
    ctx.progress({ message: 'Listing plugins in the code…' });
    return { identity, version: readVersion(files.code), config: { settings: config.settings, secretNames: config.secretNames }, plugins: listPlugins(files.code) };
  });

  const prefix = facts.config.settings.prefix ?? 'mdl_';
  const { result: database } = await journal.step(STEP.database, async () => {
    const started = Date.now();
    const scanner = new DumpScanner(prefix);
    await scanLocalFile(files.dump, (c) => scanner.write(c), {
      signal: ctx.signal,
      onBytes: (read, total) => ctx.progress({ message: `Reading the dump: ${formatBytes(read)} of ${formatBytes(total)}, ${scanner.progress.rows.toLocaleString('en')} rows`, percent: Math.round((read / total) * 100) }),
    });
    return { scan: scanner.end(), seconds: (Date.now() - started) / 1000 };
  });

  const { result: moodledata } = await journal.step(STEP.moodledata, async () => {
    const started = Date.now();
    const scanner = new ArchiveScanner();
    await scanLocalFile(files.moodledata, (c) => scanner.write(c), {
      signal: ctx.signal,
      onBytes: (read, total) => ctx.progress({ message: `Reading moodledata: ${formatBytes(read)} of ${formatBytes(total)}, ${scanner.progress.files.toLocaleString('en')} files`, percent: Math.round((read / total) * 100) }),
    });
    return { scan: scanner.end(), seconds: (Date.now() - started) / 1000 };
  });

  const inventory = inventoryOf('files', `${files.dump} + ${files.moodledata} + ${files.code}`, facts, database, moodledata,
    { dump: files.dump, moodledata: files.moodledata, code: files.code, configRedacted }, 0);
  // Recorded for check and rehearse; other input files forget it with the inspect step above.
  await journal.step(STEP.inventory, async () => inventory);
  return inventory;
}

export function inventoryOf(
  kind: SourceInventory['kind'], origin: string,
  facts: { version: SourceInventory['version']; config: SourceInventory['config']; plugins: string[]; phpVersion?: string; sizeBytes?: number },
  database: { scan: DumpScan; seconds: number }, moodledata: { scan: ArchiveScan; seconds: number },
  files: SourceInventory['files'], codeSeconds: number,
): SourceInventory {
  return {
    kind, origin, version: facts.version, config: facts.config, plugins: facts.plugins, files,
    database: { ...database.scan, sizeBytes: facts.sizeBytes }, moodledata: moodledata.scan, phpVersion: facts.phpVersion,
    timings: { dumpSeconds: database.seconds, moodledataSeconds: moodledata.seconds, codeSeconds },
  };
}
