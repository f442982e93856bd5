import type { SourceInventory } from '../inventory';
import type { MoodleVersion } from '../php-config';
import { branchToRelease } from '../php-config';
import { compareVersions, dbVendor, type ReleaseRequirements } from './environment-xml';
import type { CheckFinding } from './finding';

/** What the migration moves into: the target code and the runtime it will run on. */
export interface TargetFacts {
  version: MoodleVersion;
  plugins: string[];
  /** From the target code's admin/environment.xml, for the target's release; absent → not checked. */
  requirements?: ReleaseRequirements;
  phpVersion: string;
  db: { vendor: string; version: string };
  /** Free bytes where the migration writes (work folder) and where the target keeps data. */
  freeBytes: { work?: number; target?: number };
  /** Bytes the take still has to write into the work folder (0 when it is done). */
  workBytesNeeded: number;
}

const CLUSTER_SHARED = ['cachedir', 'tempdir', 'backuptempdir'];

/** Every check runs before anything moves; each finding says what to do. Pure: tested without servers. */
export function checkSite(source: SourceInventory, target: TargetFacts): CheckFinding[] {
  return [
    ...checkDump(source), ...checkVersions(source, target), ...checkPlugins(source, target),
    ...checkDatabase(source), ...checkFiles(source), ...checkSettings(source), ...checkSpace(source, target),
  ];
}

function checkDump(s: SourceInventory): CheckFinding[] {
  const out: CheckFinding[] = [];
  if (!s.database.complete) {
    out.push({ level: 'refuse', code: 'dump.truncated', message: `The database dump ${s.files.dump} is cut off: it has no end marker${s.database.problems.length ? ` (${s.database.problems[0]})` : ''}.`, nextStep: 'Make the dump again (mysqldump … > file, and check the disk did not fill), or let the migration take it over SSH.' });
  } else if (s.database.problems.length) {
    out.push({ level: 'refuse', code: 'dump.unreadable', message: `The dump has lines that cannot be read: ${s.database.problems.slice(0, 3).join('; ')}.`, nextStep: 'Make the dump again with mysqldump (or pg_dump) in plain SQL format.' });
  }
  if (!s.database.tables[`${s.config.settings.prefix ?? 'mdl_'}config`]) {
    out.push({ level: 'refuse', code: 'dump.notMoodle', message: `The dump has no ${s.config.settings.prefix ?? 'mdl_'}config table: it is not this site's Moodle database (or config.php's prefix differs).`, nextStep: 'Dump the database named in config.php ($CFG->dbname).' });
  }
  if (!s.moodledata.complete) {
    out.push({ level: 'refuse', code: 'moodledata.truncated', message: `The moodledata archive ${s.files.moodledata} is cut off.`, nextStep: 'Make the archive again (tar -C <dataroot> -cf …), or let the migration take it over SSH.' });
  }
  return out;
}

function checkVersions(s: SourceInventory, t: TargetFacts): CheckFinding[] {
  const out: CheckFinding[] = [];
  const installed = s.database.moodleVersion ?? s.version.version;
  if (s.database.moodleVersion && s.database.moodleVersion < s.version.version) {
    out.push({ level: 'warn', code: 'version.upgradePending', message: `The source's code (${s.version.version}) is newer than its database (${s.database.moodleVersion}): an upgrade was started or is pending on the source.`, nextStep: 'Finish it on the source (admin/cli/upgrade.php) before the cutover, or let the target run it.' });
  }
  if (installed > t.version.version) {
    out.push({ level: 'refuse', code: 'version.newer', message: `The source's database is Moodle ${installed}, newer than the target code's ${t.version.version} (${t.version.release}). Moodle cannot downgrade a database.`, nextStep: 'Use target code of the same Moodle release as the source, or newer.' });
  } else if (installed < t.version.version) {
    out.push({ level: 'info', code: 'version.upgrade', message: `The target code is newer (${t.version.version} > ${installed}): the rehearsal runs Moodle's upgrade.` });
  }
  const req = t.requirements;
  if (!req) {
    out.push({ level: 'info', code: 'environment.unknown', message: "The target code has no admin/environment.xml entry for its release: PHP and database versions were not checked against Moodle's requirements." });
    return out;
  }
  const sourceRelease = branchToRelease(s.version.branch) ?? /^\d+\.\d+(\.\d+)?/.exec(s.version.release)?.[0];
  const exact = /^\d+\.\d+(\.\d+)?/.exec(s.version.release)?.[0] ?? sourceRelease;
  if (req.requires && exact && compareVersions(exact, req.requires) < 0) {
    out.push({ level: 'refuse', code: 'version.tooOld', message: `Moodle ${req.release} upgrades only from ${req.requires} or later; the source runs ${s.version.release}.`, nextStep: `Upgrade the source to ${req.requires} or later first (or migrate with the release it runs, then upgrade).` });
  }
  if (req.php && compareVersions(t.phpVersion, req.php) < 0) {
    out.push({ level: 'refuse', code: 'php.tooOld', message: `Moodle ${req.release} needs PHP ${req.php}; the target runs ${t.phpVersion}.`, nextStep: 'Use a web image with a newer PHP.' });
  }
  const need = req.database[t.db.vendor];
  if (!need) {
    out.push({ level: 'refuse', code: 'db.unsupported', message: `Moodle ${req.release} does not support ${t.db.vendor}.`, nextStep: `Choose one of: ${Object.keys(req.database).join(', ')}.` });
  } else if (compareVersions(t.db.version, need) < 0) {
    out.push({ level: 'refuse', code: 'db.tooOld', message: `Moodle ${req.release} needs ${t.db.vendor} ${need}; the target runs ${t.db.version}.`, nextStep: 'Choose a newer database engine version in the template.' });
  }
  const sourceVendor = dbVendor(s.database.serverVersion, s.database.family);
  if (s.database.family === 'mysql' && t.db.vendor !== sourceVendor) {
    out.push({ level: 'warn', code: 'db.vendorChange', message: `The database moves from ${sourceVendor} to ${t.db.vendor}: the dump is plain SQL and restores, but test the site's plugins on the target.` });
  }
  return out;
}

function checkPlugins(s: SourceInventory, t: TargetFacts): CheckFinding[] {
  const have = new Set(t.plugins);
  const missing = s.plugins.filter((p) => !have.has(p));
  if (!missing.length) return [];
  return [{
    level: 'refuse', code: 'plugins.missing',
    message: `${missing.length} plugin(s) of the source are not in the target code: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}. Moodle would show them as missing and their data could be lost.`,
    nextStep: 'Add these plugins (the same or a newer version) to the target code, or uninstall them on the source first.',
  }];
}

function checkDatabase(s: SourceInventory): CheckFinding[] {
  const out: CheckFinding[] = [];
  const tables = Object.values(s.database.tables);
  const myisam = tables.filter((t) => t.engine && !/^(InnoDB|Aria)$/i.test(t.engine) && s.database.family === 'mysql');
  if (myisam.length) {
    out.push({ level: 'refuse', code: 'db.engine', message: `${myisam.length} table(s) do not use InnoDB: ${myisam.slice(0, 5).map((t) => `${t.name} (${t.engine})`).join(', ')}. Aurora and RDS need InnoDB, and Moodle's transactions do.`, nextStep: 'On the source, convert them: php admin/cli/mysql_engine.php --engine=InnoDB, then take again.' });
  }
  const notUtf8mb4 = tables.filter((t) => (t.charset && !/^utf8mb4$/i.test(t.charset)) || t.collations.some((c) => !/^utf8mb4_/i.test(c)));
  if (notUtf8mb4.length && s.database.family === 'mysql') {
    const sample = notUtf8mb4.slice(0, 5).map((t) => `${t.name} (${[t.charset, ...t.collations].filter(Boolean).join(', ')})`).join(', ');
    out.push({ level: 'refuse', code: 'db.collation', message: `${notUtf8mb4.length} table(s) are not utf8mb4: ${sample}. Moodle needs full UTF-8 (utf8mb4) and the target is created with it.`, nextStep: 'On the source, convert them: php admin/cli/mysql_collation.php --collation=utf8mb4_unicode_ci, then take again.' });
  }
  return out;
}

function checkFiles(s: SourceInventory): CheckFinding[] {
  const out: CheckFinding[] = [];
  const pool = new Set(s.moodledata.poolHashes);
  // Moodle's empty-content hash (sha1 of '') is never stored in the pool.
  const missing = s.database.contentHashes.filter((h) => !pool.has(h) && h !== 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  if (missing.length) {
    out.push({ level: 'refuse', code: 'files.missing', message: `${missing.length} file(s) the database references are not in the moodledata archive (first: filedir/${missing[0].slice(0, 2)}/${missing[0].slice(2, 4)}/${missing[0]}).`, nextStep: 'Take moodledata again (its filedir/ is incomplete), or run Moodle\'s file check on the source (admin/cli/check_database_schema.php / the trashdir) before migrating.' });
  }
  if (s.moodledata.poolMismatches.length) {
    out.push({ level: 'refuse', code: 'files.damaged', message: `${s.moodledata.poolMismatches.length} file(s) in the pool do not match their SHA-1 name (first: ${s.moodledata.poolMismatches[0]}): damaged in the copy or on the source.`, nextStep: 'Take moodledata again; if they stay damaged, they are damaged on the source.' });
  }
  const referenced = new Set(s.database.contentHashes);
  const orphans = s.moodledata.poolHashes.filter((h) => !referenced.has(h)).length;
  if (orphans) out.push({ level: 'info', code: 'files.orphans', message: `${orphans} pool file(s) are referenced by no row; they are copied anyway (Moodle's cleanup task removes them).` });
  return out;
}

function checkSettings(s: SourceInventory): CheckFinding[] {
  const out: CheckFinding[] = [];
  const set = s.config.settings;
  const dataroot = set.dataroot ?? '';
  const handler = set.session_handler_class ?? '';
  if (!handler || /\\file$/.test(handler)) {
    out.push({ level: 'warn', code: 'settings.fileSessions', message: 'Sessions are files in dataroot: in a cluster they move to the session cache. Users are logged out once, at the cutover.', nextStep: 'Nothing to do; tell users they sign in again after the move.' });
  } else if (/database/.test(handler)) {
    out.push({ level: 'warn', code: 'settings.dbSessions', message: 'Sessions are in the database: in the cluster they move to the session cache. Users are logged out once, at the cutover.' });
  }
  if (set.localcachedir && dataroot && set.localcachedir.startsWith(dataroot)) {
    out.push({ level: 'warn', code: 'settings.localcachedir', message: `localcachedir (${set.localcachedir}) is inside the shared dataroot; in a cluster it must be local to each node.`, nextStep: 'Nothing to do: the target sets it to /var/cache/moodle on each node.' });
  }
  for (const name of CLUSTER_SHARED) {
    const v = set[name];
    if (v && dataroot && !v.startsWith(dataroot) && !v.includes('$CFG->dataroot')) {
      out.push({ level: 'warn', code: 'settings.localPath', message: `${name} (${v}) is on the server's own disk; in a cluster it must be shared.`, nextStep: `Nothing to do: the target sets it under /mnt/moodledata.` });
    }
  }
  for (const [name, v] of Object.entries(set)) {
    if (['dataroot', 'localcachedir', ...CLUSTER_SHARED].includes(name)) continue;
    if (dataroot && (v.includes(dataroot) || v.includes('$CFG->dataroot'))) {
      out.push({ level: 'warn', code: 'settings.datarootPath', message: `$CFG->${name} points into the old dataroot (${v}).`, nextStep: `Set it relative to /mnt/moodledata in the target's config.php (the bundle's), or drop it.` });
    }
  }
  return out;
}

function checkSpace(s: SourceInventory, t: TargetFacts): CheckFinding[] {
  const out: CheckFinding[] = [];
  const restoreBytes = s.database.bytes * 2 + s.moodledata.bytes;
  if (t.freeBytes.work !== undefined && t.freeBytes.work < t.workBytesNeeded * 1.1) {
    out.push({ level: 'refuse', code: 'space.work', message: `The work folder has ${mb(t.freeBytes.work)} free; the take needs about ${mb(t.workBytesNeeded * 1.1)}.`, nextStep: 'Free space there, or choose another --work folder.' });
  }
  if (t.freeBytes.target !== undefined && t.freeBytes.target < restoreBytes * 1.2) {
    out.push({ level: 'refuse', code: 'space.target', message: `The target has ${mb(t.freeBytes.target)} free; the restore needs about ${mb(restoreBytes * 1.2)} (database twice for indexes and logs, moodledata once).`, nextStep: 'Free space for Docker (docker system df), or rehearse on a larger disk.' });
  }
  return out;
}

function mb(n: number): string { return `${(n / 1024 ** 2).toFixed(0)} MB`; }
