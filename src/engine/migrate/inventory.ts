import type { MoodleVersion } from './php-config';
import type { DumpScan } from './dump-scan';
import type { ArchiveScan } from './archive-scan';

/**
 * Everything the migration knows about the source site, as plain data: what the checks read, what
 * the journal keeps, what the report prints. It never holds a secret (config.php's passwords are
 * only named in `secretNames`).
 */
export interface SourceInventory {
  kind: 'ssh' | 'files';
  /** user@host:port, or the paths given. */
  origin: string;
  version: MoodleVersion;
  config: { settings: Record<string, string>; secretNames: string[] };
  /** Plugin components found in the code (from every version.php with $plugin->component). */
  plugins: string[];
  /** Where the taken pieces are: the dump, the moodledata archive, the code folder. */
  files: { dump: string; moodledata: string; code: string; configRedacted: string };
  database: DumpScan & { family: 'mysql' | 'postgres' | 'unknown'; sizeBytes?: number };
  moodledata: ArchiveScan;
  phpVersion?: string;
  /** Seconds each take spent, for the cutover estimate. */
  timings: { dumpSeconds: number; moodledataSeconds: number; codeSeconds: number };
}

/** What will be different on the HA target, in words for the user. */
export function describeChanges(inventory: SourceInventory, target: { release?: string; version?: number; dbFamily: string }): string[] {
  const s = inventory.config.settings;
  const out: string[] = [];
  if (target.version && target.version > inventory.version.version) out.push(`Moodle ${inventory.version.release || inventory.version.version} is upgraded to ${target.release ?? target.version} on the target.`);
  if (s.dataroot && s.dataroot !== '/mnt/moodledata') out.push(`dataroot ${s.dataroot} becomes /mnt/moodledata (shared storage, EFS on AWS).`);
  if (!s.session_handler_class) out.push('Sessions move from files in dataroot to the session cache (Redis/Valkey or memcached).');
  else if (/database/i.test(s.session_handler_class)) out.push('Sessions move from the database to the session cache.');
  if (s.localcachedir && s.localcachedir.startsWith(s.dataroot ?? '\u0000')) out.push(`localcachedir ${s.localcachedir} moves off the shared dataroot to /var/cache/moodle on each node.`);
  if (!s.localcachedir) out.push('localcachedir is set to /var/cache/moodle on each node (local, never shared).');
  out.push(`The database (${inventory.database.family}${inventory.database.serverVersion ? ` ${inventory.database.serverVersion}` : ''}, host ${s.dbhost ?? '?'}) moves to the stack's ${target.dbFamily} cluster; Moodle gets its own user and password there.`);
  if (s.wwwroot && s.wwwroot !== s.wwwroot.toLowerCase()) out.push(`wwwroot ${s.wwwroot} is written in lower case (${s.wwwroot.toLowerCase()}).`);
  const skipped = Object.entries(inventory.moodledata.skippable);
  if (skipped.length) out.push(`Not copied from moodledata (rebuilt on the target): ${skipped.map(([d]) => `${d}/`).join(', ')}.`);
  out.push('config.php is rendered for the cluster (cachedir, tempdir, backuptempdir shared; sslproxy behind the load balancer); the source\'s is kept only with its secrets removed.');
  return out;
}
