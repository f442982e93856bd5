import * as fs from 'node:fs';
import { Writable } from 'node:stream';
import type { ProgressSink } from '../../common/progress';

/**
 * Writes a copy to `<file>.part` and feeds every chunk to a scanner on the way; only `commit()`
 * renames it to its name. A copy that is interrupted leaves a .part that the next run overwrites:
 * a half-copied file is never taken for a whole one.
 */
export class PartFile extends Writable {
  private readonly out: fs.WriteStream;
  private lastReport = 0;
  /** Set by abandon(): the source may still deliver a chunk or two after a cancel (an SSH channel does). */
  private abandoned = false;
  bytes = 0;

  constructor(readonly file: string, private readonly feed: (chunk: Buffer) => void, private readonly report?: (bytes: number) => void) {
    super({ highWaterMark: 1 << 20 });
    fs.rmSync(`${file}.part`, { force: true });
    this.out = fs.createWriteStream(`${file}.part`, { mode: 0o600 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // The copy was given up: what still arrives is dropped (writing it would be "write after end").
    if (this.abandoned) return callback();
    this.bytes += chunk.length;
    try { this.feed(chunk); } catch (error) { return callback(error as Error); }
    const now = Date.now();
    if (this.report && now - this.lastReport > 250) { this.lastReport = now; this.report(this.bytes); }
    if (this.out.write(chunk)) callback(); else this.out.once('drain', () => callback());
  }

  /** Flushes, then gives the file its real name. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(`${this.file}.part`, this.file);
  }

  async abandon(): Promise<void> {
    this.abandoned = true;
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function progressLine(progress: ProgressSink, what: string, expected?: number) {
  return (bytes: number, extra = '') => progress({
    message: `${what}: ${formatBytes(bytes)}${expected ? ` of ~${formatBytes(expected)}` : ''}${extra}`,
    percent: expected ? Math.min(99, Math.round((bytes / expected) * 100)) : undefined,
  });
}
