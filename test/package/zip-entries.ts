import * as fs from 'fs';

export interface ZipEntry { name: string; compressedSize: number; size: number }

/**
 * The entries of a zip file (a .vsix), read from its central directory. Enough for listing and
 * sizes; no extraction, no zip64 (a .vsix over 4 GB is not a case worth handling).
 */
export function zipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  const CENTRAL_FILE_HEADER = 0x02014b50;
  // The end record is in the last 22 bytes plus an optional comment of up to 64 KB.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) { end = i; break; }
  }
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error(`${file}: bad central directory entry ${i}`);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), compressedSize, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
