import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';

export type BoundedRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Reads a regular file, at most `limit + 1` bytes (enough to tell "too large" without reading it
 * all). A FIFO, a device (/dev/zero, /dev/urandom) or a socket is refused instead of read: opened
 * non-blocking, so a FIFO without a writer cannot hang the open, and checked with fstat on the
 * opened descriptor, so the file checked is the file read.
 */
export async function readRegularFile(file: string, limit: number): Promise<BoundedRead> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, reason: 'EISDIR: it is a folder' };
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file (a FIFO, device or socket)' };
    const buffer = Buffer.alloc(Math.min(limit + 1, Math.max(stat.size, 0) + 1));
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    await handle.close();
  }
}
