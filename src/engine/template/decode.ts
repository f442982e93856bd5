import { MAX_TEMPLATE_BYTES, tooLargeMessage } from './limits';

export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Bytes from disk to text, refusing what cannot be a template: binary data, files far beyond
 * CloudFormation's 1 MB limit, and bytes that are not UTF-8 (UTF-16 and UTF-32 with a BOM are accepted).
 */
export function decodeTemplateBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_TEMPLATE_BYTES) {
    return { ok: false, reason: tooLargeMessage(bytes.length, 'file') };
  }
  // UTF-32's BOM starts with UTF-16 LE's (FF FE), so it is checked first.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return decodeUtf32(bytes.subarray(4), true);
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return decodeUtf32(bytes.subarray(4), false);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.subarray(start, Math.min(bytes.length, 8192)).includes(0)) {
    return { ok: false, reason: 'This is a binary file, not a template (it contains NUL bytes).' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    return { ok: false, reason: 'The file is not valid UTF-8. CloudFormation reads templates as UTF-8: re-save it in that encoding.' };
  }
}

/** TextDecoder has no UTF-32: four bytes per code point, each a valid one. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): DecodedText {
  const invalid: DecodedText = { ok: false, reason: 'The file starts with a UTF-32 byte order mark but is not valid UTF-32. Re-save it as UTF-8, which CloudFormation reads.' };
  if (bytes.length % 4 !== 0) return invalid;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chars: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return invalid;
    chars.push(String.fromCodePoint(cp));
  }
  return { ok: true, text: chars.join('') };
}
