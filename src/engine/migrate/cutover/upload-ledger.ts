import * as fs from 'node:fs';

/**
 * What this work folder has put in the bucket: one JSON line per finished object (key, size,
 * SHA-256), appended as each upload completes. An object is skipped on the next pass only when the
 * ledger has it with the same SHA-256 and the bucket still lists it with the same size, so a lost
 * ledger or a deleted object means an upload again, never a gap.
 */
export class UploadLedger {
  private readonly entries = new Map<string, { size: number; sha256: string }>();

  constructor(private readonly file: string) {
    if (!fs.existsSync(file)) return;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as { key: string; size: number; sha256: string };
        this.entries.set(e.key, { size: e.size, sha256: e.sha256 });
      } catch {
        // A line torn by a crash: that object is uploaded again.
      }
    }
  }

  has(key: string, size: number, sha256: string): boolean {
    const e = this.entries.get(key);
    return e !== undefined && e.size === size && e.sha256 === sha256;
  }

  record(key: string, size: number, sha256: string): void {
    this.entries.set(key, { size, sha256 });
    fs.appendFileSync(this.file, JSON.stringify({ key, size, sha256 }) + '\n', { mode: 0o600 });
  }
}
