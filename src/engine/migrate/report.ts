import type { SourceInventory } from './inventory';
import type { RehearsalResult, Measured } from './rehearse/rehearse';
import { formatBytes } from './take/part-file';

export interface Rates { mbPerSecond: number; rowsPerSecond?: number; filesPerSecond?: number }

export function rate(m: Measured): Rates {
  const s = Math.max(0.001, m.seconds);
  return { mbPerSecond: m.bytes / 1024 ** 2 / s, rowsPerSecond: m.rows !== undefined ? m.rows / s : undefined, filesPerSecond: m.files !== undefined ? m.files / s : undefined };
}

/**
 * The cutover window at the measured rates: with the source in maintenance, the database is dumped,
 * restored and verified whole (a dump has no increments), moodledata only for what changed since
 * the take (the pool only grows: new hashes), then the upgrade. `changedFraction` of moodledata is
 * the user's guess of what changes between take and cutover.
 */
export function predictCutover(inventory: SourceInventory, r: RehearsalResult, changedFraction = 0.05): { seconds: number; parts: Record<string, number> } {
  const filesRate = (inventory.moodledata.bytes || 1) / Math.max(0.001, inventory.timings.moodledataSeconds + r.restoreFiles.seconds + r.verifyFiles.seconds);
  const parts: Record<string, number> = {
    'dump the database': inventory.timings.dumpSeconds,
    'restore the database': r.restoreDb.seconds,
    'verify the database': r.verifyDb.seconds,
    [`sync ${Math.round(changedFraction * 100)} % of moodledata`]: (inventory.moodledata.bytes * changedFraction) / filesRate,
    'upgrade': r.upgrade?.seconds ?? 0,
  };
  const seconds = Object.values(parts).reduce((a, b) => a + b, 0);
  return { seconds, parts };
}

export function formatRehearsal(inventory: SourceInventory, r: RehearsalResult): string {
  const lines: string[] = [];
  const badTables = r.verify.tables.filter((t) => !t.ok);
  lines.push(`Database: ${r.verify.tables.length} tables, ${inventory.database.rows.toLocaleString('en')} rows: ${badTables.length ? `${badTables.length} DIFFER` : 'every table has the same rows and checksum'}`);
  for (const t of badTables.slice(0, 10)) lines.push(`  ✗ ${t.table}: rows ${t.sourceRows} → ${t.targetRows}, checksum ${t.sourceChecksum} → ${t.targetChecksum}`);
  const p = r.verify.pool;
  lines.push(`File pool: ${p.present.toLocaleString('en')} of ${p.expected.toLocaleString('en')} files present with their SHA-1${p.ok ? '' : `; ${p.missing.length} missing, ${p.damaged.length} damaged`}`);
  for (const l of r.logins) lines.push(`Login ${l.username}: ${l.ok ? 'ok' : `FAILED (${l.reason})`}`);
  if (r.upgrade) lines.push(`Upgrade ${r.upgrade.from} → ${r.upgrade.to}: ${r.upgrade.seconds.toFixed(1)} s`);
  const fmt = (name: string, m: Measured) => {
    const x = rate(m);
    return `  ${name.padEnd(18)} ${formatBytes(m.bytes).padStart(9)} in ${m.seconds.toFixed(1).padStart(6)} s  ${x.mbPerSecond.toFixed(1).padStart(7)} MB/s${x.rowsPerSecond !== undefined ? `  ${Math.round(x.rowsPerSecond).toLocaleString('en')} rows/s` : ''}${x.filesPerSecond !== undefined ? `  ${Math.round(x.filesPerSecond).toLocaleString('en')} files/s` : ''}`;
  };
  lines.push('Rates:');
  lines.push(fmt('take database', { bytes: inventory.database.bytes, rows: inventory.database.rows, seconds: inventory.timings.dumpSeconds }));
  lines.push(fmt('take moodledata', { bytes: inventory.moodledata.bytes, files: inventory.moodledata.files, seconds: inventory.timings.moodledataSeconds }));
  lines.push(fmt('restore database', r.restoreDb));
  lines.push(fmt('restore moodledata', r.restoreFiles));
  lines.push(fmt('verify database', r.verifyDb));
  lines.push(fmt('verify file pool', r.verifyFiles));
  const c = predictCutover(inventory, r);
  lines.push(`Predicted cutover window: ${Math.ceil(c.seconds)} s (${Object.entries(c.parts).filter(([, s]) => s > 0).map(([k, s]) => `${k} ${s.toFixed(1)} s`).join(', ')}), plus DNS.`);
  return lines.join('\n') + '\n';
}

export function rehearsalPassed(r: RehearsalResult): boolean {
  return r.verify.tables.every((t) => t.ok) && r.verify.pool.ok && r.logins.every((l) => l.ok);
}
