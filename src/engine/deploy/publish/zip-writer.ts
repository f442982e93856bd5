import { deflateRawSync } from 'node:zlib';
import { MhaError } from '../../common/errors';
import { unsafeEntryName } from './bundle-rules';
import { crc32 } from './crc32';

export interface ZipEntryInput {
  /** Forward slashes, relative, no leading slash, no '.'/'..'/empty segment, no backslash or control character (checked). */
  name: string;
  data: Uint8Array;
  modified?: Date;
  /** Unix mode bits (hooks must stay executable for CodeDeploy). */
  mode?: number;
}

/**
 * Writes a zip archive (PKWARE APPNOTE 6.3, no zip64): each entry deflated, or stored when
 * deflate does not make it smaller. Enough for a CodeDeploy bundle; Node's stdlib has no zip.
 */
export function writeZip(entries: ZipEntryInput[]): Buffer {
  if (entries.length > 0xffff) throw new MhaError('io', `The bundle has ${entries.length} files; this zip writer handles at most 65,535.`);
  const unsafe = entries.map((e) => [e.name, unsafeEntryName(e.name)] as const).filter(([, problem]) => problem);
  if (unsafe.length) {
    throw new MhaError('usage', `Refusing to write ${unsafe.length} unsafe zip entry name(s):\n${unsafe.map(([n, p]) => `  ${JSON.stringify(n)}: ${p}`).join('\n')}`, { nextStep: 'Rename or remove these files, then publish again.' });
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const store = deflated.length >= entry.data.length;
    const body = store ? Buffer.from(entry.data) : deflated;
    const crc = crc32(entry.data);
    const { time, date } = dosDateTime(entry.modified ?? new Date(1980, 0, 1));
    if (offset + 30 + name.length + body.length > 0xffffffff) throw new MhaError('io', 'The bundle is over 4 GB; this zip writer does not do zip64.');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits below mean something
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((((entry.mode ?? 0o100644) & 0xffff) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
