/**
 * The requirements Moodle's own admin/environment.xml states for one release: the oldest version it
 * upgrades from (`requires`), the database versions, the PHP version. Read with patterns, not a
 * parser: the file is regular and only these elements matter here.
 */
export interface ReleaseRequirements {
  release: string;
  /** The oldest Moodle release an upgrade may start from, e.g. '4.2.3'. */
  requires?: string;
  database: Record<string, string>;
  php?: string;
}

export function readRequirements(xml: string, release: string): ReleaseRequirements | undefined {
  const blocks = [...xml.matchAll(/<MOODLE\s+version="([^"]+)"(?:\s+requires="([^"]+)")?\s*>([\s\S]*?)<\/MOODLE>/g)];
  const block = blocks.find((b) => b[1] === release);
  if (!block) return undefined;
  const body = block[3];
  const database: Record<string, string> = {};
  const db = /<DATABASE[^>]*>([\s\S]*?)<\/DATABASE>/.exec(body)?.[1] ?? '';
  for (const v of db.matchAll(/<VENDOR\s+name="([^"]+)"\s+version="([^"]+)"/g)) database[v[1]] = v[2];
  const php = /<PHP\s+version="([^"]+)"\s+level="required"/.exec(body)?.[1];
  return { release, requires: block[2], database, php };
}

/** Compares dotted versions numerically ('10.11.6-MariaDB' → 10.11.6). */
export function compareVersions(a: string, b: string): number {
  const pa = numeric(a), pb = numeric(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

function numeric(v: string): number[] {
  return (/^\D*([\d.]+)/.exec(v)?.[1] ?? '0').split('.').filter(Boolean).map(Number);
}

/** '10.11.6-MariaDB-0+deb12u1' → 'mariadb'; '8.0.36' → 'mysql'; '15.4' with postgres family → 'postgres'. */
export function dbVendor(serverVersion: string | undefined, family: string): string {
  if (family === 'postgres') return 'postgres';
  return /mariadb/i.test(serverVersion ?? '') ? 'mariadb' : 'mysql';
}
