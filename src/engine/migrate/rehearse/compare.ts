import type { DumpScan } from '../dump-scan';

export interface TableCheck { table: string; sourceRows: number; targetRows: number; sourceChecksum: string; targetChecksum: string; ok: boolean }
export interface PoolCheck { expected: number; present: number; missing: string[]; damaged: string[]; ok: boolean }
export interface VerifyResult { tables: TableCheck[]; pool: PoolCheck }

/** Every table of the source, by rows and by checksum of their values; a table absent on the target fails. */
export function compareTables(source: DumpScan, target: DumpScan): TableCheck[] {
  return Object.values(source.tables).map((s) => {
    const t = target.tables[s.name];
    const targetRows = t?.rows ?? -1;
    const targetChecksum = t?.checksum ?? 'absent';
    return { table: s.name, sourceRows: s.rows, targetRows, sourceChecksum: s.checksum, targetChecksum, ok: t !== undefined && t.rows === s.rows && t.checksum === s.checksum };
  }).sort((a, b) => a.table.localeCompare(b.table));
}

/**
 * `sha1sum` lines of the target's filedir ("<hash>  filedir/aa/bb/<name>"): every file the source
 * had (and every hash the database references) must be there, with content that hashes to its name.
 */
export function comparePool(referenced: string[], sourcePool: string[], sha1sumOutput: string): PoolCheck {
  const present = new Set<string>();
  const damaged: string[] = [];
  for (const line of sha1sumOutput.split('\n')) {
    const m = /^([0-9a-f]{40}) [ *]filedir\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{40})$/.exec(line);
    if (!m) continue;
    if (m[1] === m[2]) present.add(m[2]); else damaged.push(m[2]);
  }
  const expected = new Set([...sourcePool, ...referenced.filter((h) => h !== 'da39a3ee5e6b4b0d3255bfef95601890afd80709')]);
  const missing = [...expected].filter((h) => !present.has(h)).sort();
  return { expected: expected.size, present: [...expected].filter((h) => present.has(h)).length, missing, damaged: damaged.sort(), ok: !missing.length && !damaged.length };
}
