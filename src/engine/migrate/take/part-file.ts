import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { MhaError } from '../../common/errors';
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

  /** The first error writing the .part file (a full disk), as the user should read it. */
  private failure?: Error;

  constructor(readonly file: string, private readonly feed: (chunk: Buffer) => void, private readonly report?: (bytes: number) => void) {
    super({ highWaterMark: 1 << 20 });
    fs.rmSync(`${file}.part`, { force: true });
    this.out = fs.createWriteStream(`${file}.part`, { mode: 0o600 });
    // Without a listener a failed write (ENOSPC) is an uncaught 'error' that ends the whole process.
    this.out.on('error', (error) => { this.failure ??= writeFailure(error, file, this.bytes); });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // The copy was given up: what still arrives is dropped (writing it would be "write after end").
    if (this.abandoned) return callback();
    if (this.failure) return callback(this.failure);
    this.bytes += chunk.length;
    try { this.feed(chunk); } catch (error) { return callback(error as Error); }
    const now = Date.now();
    if (this.report && now - this.lastReport > 250) { this.lastReport = now; this.report(this.bytes); }
    if (this.out.write(chunk)) return callback();
    // A disk that fills while the stream is waiting to drain never drains: the error ends the wait.
    const onDrain = () => { this.out.off('error', onError); callback(); };
    const onError = () => { this.out.off('drain', onDrain); callback(this.failure); };
    this.out.once('drain', onDrain);
    this.out.once('error', onError);
  }

  /** Flushes, then gives the file its real name. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error || this.failure ? reject(this.failure ?? error) : resolve())));
    fs.renameSync(`${this.file}.part`, this.file);
  }

  /** Stops writing. After a write failure the .part is removed too: on a full disk it is what filled it. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await new Promise<void>((resolve) => { if (this.out.destroyed) resolve(); else this.out.end(() => resolve()); });
    if (this.failure) fs.rmSync(`${this.file}.part`, { force: true });
  }
}

/** A write error on the work folder, said so that the user knows what to free and that nothing is lost. */
function writeFailure(error: NodeJS.ErrnoException, file: string, bytes: number): Error {
  const dir = path.dirname(file);
  if (error.code === 'ENOSPC' || error.code === 'EDQUOT') {
    return new MhaError('migrate.space', `The work folder ${dir} ran out of space while writing ${path.basename(file)} (${formatBytes(bytes)} copied).`, {
      nextStep: 'Free space there, or give --work a folder on a larger disk, then run the command again: the steps already done are kept, and this copy starts again from its beginning (its partial file was removed).',
    });
  }
  return new MhaError('migrate.input', `Cannot write ${file}: ${error.message}`, { nextStep: `Check that ${dir} is writable, then run the command again.` });
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
