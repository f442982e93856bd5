import * as fs from 'node:fs';
import { MhaError } from '../../common/errors';
import { MOODLEDATA_EXCLUDED } from '../archive-scan';
import { tarNumber, tarPath, tarText } from '../tar-fields';

/** One regular file inside an uncompressed tar archive: where its bytes are, so it can be read alone. */
export interface TarEntry { name: string; offset: number; size: number }

/**
 * Lists the regular files of a tar archive by reading only its headers (a seek past each body), so
 * that each file can later be streamed straight from the archive by byte range: no extraction, no
 * second copy of moodledata on disk. ustar names with prefix, GNU long names (L) and pax paths (x).
 */
export function indexTar(file: string): TarEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const header = Buffer.alloc(512);
    const entries: TarEntry[] = [];
    let offset = 0;
    let nextName: string | undefined;
    let ended = false;
    while (offset + 512 <= total) {
      fs.readSync(fd, header, 0, 512, offset);
      if (header.every((b) => b === 0)) { ended = true; break; }
      if (header.subarray(257, 262).toString('latin1') !== 'ustar') {
        throw new MhaError('migrate.upload', `${file} is not an uncompressed tar archive (no tar header at byte ${offset}).`, {
          nextStep: 'Give the moodledata archive uncompressed (gunzip it first), or take the site again over SSH.',
        });
      }
      const size = tarNumber(header.subarray(124, 136));
      const type = String.fromCharCode(header[156] || 48);
      const body = offset + 512;
      if (body + size > total) {
        throw new MhaError('migrate.upload', `${file} ends inside ${nextName ?? tarText(header.subarray(0, 100))}: the archive is truncated.`, { nextStep: 'Take the site again (moodle-ha migrate take).' });
      }
      if (type === 'L' || type === 'x') {
        const text = readText(fd, body, size);
        nextName = type === 'L' ? text.replace(/\0+$/, '') : /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? nextName;
      } else {
        const name = (nextName ?? tarPath(header)).replace(/^\.\//, '');
        nextName = undefined;
        if (type === '0' || type === '7') entries.push({ name, offset: body, size });
      }
      offset = body + size + ((512 - (size % 512)) % 512);
    }
    // tar ends with zero blocks; without them the archive was cut at an entry boundary.
    if (!ended) throw new MhaError('migrate.upload', `${file} has no end-of-archive marker: the archive is truncated.`, { nextStep: 'Take the site again (moodle-ha migrate take).' });
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** The archive's files below `root` that the cluster takes (caches, temp and sessions are rebuilt there). */
export function migratedFiles(entries: TarEntry[], root: string): Array<TarEntry & { path: string }> {
  const out: Array<TarEntry & { path: string }> = [];
  for (const e of entries) {
    if (!e.name.startsWith(root)) continue;
    const rel = e.name.slice(root.length);
    if (!rel || MOODLEDATA_EXCLUDED.includes(rel.split('/')[0])) continue;
    out.push({ ...e, path: rel });
  }
  return out;
}

function readText(fd: number, position: number, size: number): string {
  const buf = Buffer.alloc(size);
  fs.readSync(fd, buf, 0, size, position);
  return buf.toString('utf8');
}
