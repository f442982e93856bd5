import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { MhaError } from '../../common/errors';
import { throwIfCancelled } from '../../common/cancellation';

/** Streams a local file (gunzipped when it is gzip) through `feed`, with byte progress and cancel. */
export async function scanLocalFile(file: string, feed: (chunk: Buffer) => void, options: { signal?: AbortSignal; onBytes?: (read: number, total: number) => void }): Promise<void> {
  throwIfCancelled(options.signal);
  let total: number;
  try { total = fs.statSync(file).size; } catch (error) {
    throw new MhaError('migrate.input', `Cannot read ${file}: ${(error as Error).message}`, { nextStep: 'Check the path you gave.' });
  }
  let read = 0;
  let last = 0;
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('data', (d) => {
    read += d.length;
    const now = Date.now();
    if (now - last > 250) { last = now; options.onBytes?.(read, total); }
  });
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { try { feed(chunk); cb(); } catch (error) { cb(error as Error); } } });
  try {
    if (isGzip(file)) await pipeline(input, zlib.createGunzip(), sink, { signal: options.signal });
    else await pipeline(input, sink, { signal: options.signal });
  } catch (error) {
    throwIfCancelled(options.signal);
    if ((error as { code?: string }).code?.startsWith('Z_')) {
      throw new MhaError('migrate.input', `${file} is not a whole gzip file (${(error as Error).message}): it was cut off or damaged.`, { nextStep: 'Copy it again from the source, then run the command again.' });
    }
    throw error;
  }
}

export function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally { fs.closeSync(fd); }
}

/** path, size and mtime: a changed input file means its step must run again. */
export function fileIdentity(file: string): string {
  const s = fs.statSync(file);
  return `${file}:${s.size}:${Math.round(s.mtimeMs)}`;
}
