/** Reading the fields of a tar header (ustar, with GNU's base-256 sizes): shared by the take's scanner and the cutover's index. */

/** A numeric field: octal text, or GNU base-256 when its first bit is set (sizes over 8 GiB). */
export function tarNumber(field: Buffer): number {
  if (field[0] & 0x80) { let n = 0; for (let i = 1; i < field.length; i++) n = n * 256 + field[i]; return n; }
  const text = tarText(field).trim();
  return text ? parseInt(text, 8) : 0;
}

/** A text field: up to its first NUL. */
export function tarText(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

/** A ustar header's path: its prefix field joined to its name field (a GNU long name or pax path, read before, wins). */
export function tarPath(header: Buffer): string {
  const prefix = tarText(header.subarray(345, 500));
  const name = tarText(header.subarray(0, 100));
  return prefix ? `${prefix}/${name}` : name;
}
