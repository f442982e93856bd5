/**
 * What the restore job on the instance verifies against (manifest.json, uploaded last): the dump and
 * every moodledata file with its SHA-256, and the source's rows per table and the pool hashes the
 * database references. It holds no secret: config.php is not part of the upload.
 */
export interface CutoverManifest {
  version: 1;
  dump: { key: string; size: number; sha256: string; gzip: boolean };
  /** Moodle's table prefix ($CFG->prefix). */
  prefix: string;
  tables: Record<string, { rows: number; checksum: string }>;
  /** contenthash values of {prefix}files: each must be in filedir after the restore. */
  referencedHashes: string[];
  /** Paths relative to moodledata. */
  files: Array<{ path: string; size: number; sha256: string }>;
}
