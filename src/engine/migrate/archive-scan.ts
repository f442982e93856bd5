import { createHash, type Hash } from 'node:crypto';
import { tarNumber, tarPath } from './tar-fields';

/**
 * Reads a moodledata tar archive as it streams past (ustar, GNU long names, pax paths) and checks the
 * file pool on the way: Moodle stores each file's content at filedir/aa/bb/<sha1 of the content>, so
 * hashing every pool file proves it is whole. Nothing is extracted here.
 */
export interface ArchiveScan {
  /** The folder inside the archive that holds filedir/ ('' when the archive starts at moodledata). */
  root: string;
  files: number;
  bytes: number;
  /** SHA-1 names of pool files whose content hashes to their name. */
  poolHashes: string[];
  /** Pool files whose content does not match their name (damaged in the copy, or before). */
  poolMismatches: string[];
  /** Top-level entries (below root) that a cluster does not migrate: caches, temp, sessions, the maintenance page. */
  skippable: Record<string, number>;
  /** The archive ended cleanly (two zero blocks, or at an entry boundary). */
  complete: boolean;
}

/**
 * What of moodledata's top level is never copied: folders that are rebuilt or per node (MOODLE.md),
 * and the source's maintenance page (the cutover puts the source in maintenance before its final
 * take; copied, it would keep the new site closed).
 */
export const MOODLEDATA_EXCLUDED = ['cache', 'temp', 'localcache', 'sessions', 'trashdir', 'climaintenance.html'];

const POOL_PATH = /^(.*?)filedir\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{40})$/;

export class ArchiveScanner {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private padding = 0;
  private current?: { name: string; hash?: Hash; expected?: string; collectName?: 'L' | 'x'; body?: Buffer[] };
  private nextName?: string;
  private files = 0;
  private bytes = 0;
  private hashes: string[] = [];
  private mismatches: string[] = [];
  private skippable: Record<string, number> = {};
  private root?: string;
  private ended = false;
  private totalBytes = 0;

  get progress(): { bytes: number; files: number } { return { bytes: this.totalBytes, files: this.files }; }

  write(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length && !this.ended) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        const piece = chunk.subarray(offset, offset + take);
        this.current?.hash?.update(piece);
        this.current?.body?.push(piece);
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.endEntry();
        continue;
      }
      if (this.padding > 0) {
        const skip = Math.min(this.padding, chunk.length - offset);
        this.padding -= skip;
        offset += skip;
        continue;
      }
      const need = 512 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + need)]);
      offset += Math.min(need, chunk.length - offset);
      if (this.header.length === 512) { const h = this.header; this.header = Buffer.alloc(0); this.startEntry(h); }
    }
  }

  end(): ArchiveScan {
    const complete = this.ended || (this.remaining === 0 && this.padding === 0 && this.header.length === 0 && this.files > 0);
    return {
      root: this.root ?? '', files: this.files, bytes: this.bytes, poolHashes: this.hashes.sort(),
      poolMismatches: this.mismatches.sort(), skippable: this.skippable, complete,
    };
  }

  private startEntry(h: Buffer): void {
    if (h.every((b) => b === 0)) { this.ended = true; return; }
    const size = tarNumber(h.subarray(124, 136));
    const type = String.fromCharCode(h[156] || 48);
    let name = this.nextName ?? tarPath(h);
    this.nextName = undefined;
    name = name.replace(/^\.\//, '');
    this.remaining = size;
    this.padding = (512 - (size % 512)) % 512;
    if (type === 'L' || type === 'x') this.current = { name, collectName: type, body: [] };
    else if (type === '0' || type === '7') {
      this.files++;
      this.bytes += size;
      const pool = POOL_PATH.exec(name);
      if (pool && pool[2] === pool[4].slice(0, 2) && pool[3] === pool[4].slice(2, 4)) {
        this.root ??= pool[1];
        this.current = { name, hash: createHash('sha1'), expected: pool[4] };
      } else this.current = { name };
      this.countSkippable(name, size);
    } else this.current = { name };
    if (size === 0) this.endEntry();
  }

  private endEntry(): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    if (c.collectName === 'L') this.nextName = Buffer.concat(c.body ?? []).toString('utf8').replace(/\0+$/, '');
    else if (c.collectName === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.concat(c.body ?? []).toString('utf8'))?.[1];
      if (path) this.nextName = path;
    } else if (c.hash && c.expected) {
      const actual = c.hash.digest('hex');
      if (actual === c.expected) this.hashes.push(actual); else this.mismatches.push(c.expected);
    }
  }

  private countSkippable(name: string, size: number): void {
    const rel = this.root !== undefined && name.startsWith(this.root) ? name.slice(this.root.length) : name;
    const top = rel.split('/')[0];
    if (MOODLEDATA_EXCLUDED.includes(top)) this.skippable[top] = (this.skippable[top] ?? 0) + size;
  }
}
