/** A minimal ustar writer for the few small files we copy into containers (configs, env files). */
export interface TarEntry { name: string; content: Buffer | string; mode?: number }

export function tarFiles(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
    const header = Buffer.alloc(512, 0);
    if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar name too long: ${entry.name}`);
    header.write(entry.name, 0, 100, 'utf8');
    header.write(octal(entry.mode ?? 0o644, 7), 100);
    header.write(octal(0, 7), 108);
    header.write(octal(0, 7), 116);
    header.write(octal(body.length, 11), 124);
    header.write(octal(Math.floor(Date.now() / 1000), 11), 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\u000000', 257, 'binary');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 'binary');
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width, '0') + '\u0000';
}
