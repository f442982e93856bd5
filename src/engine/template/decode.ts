import { MAX_TEMPLATE_BYTES, tooLargeMessage } from './limits';

export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Bytes from disk to text, refusing what cannot be a template: binary data, files far beyond
 * CloudFormation's 1 MB limit, and bytes that are not UTF-8 (UTF-16 with a BOM is accepted).
 */
export function decodeTemplateBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_TEMPLATE_BYTES) {
    return { ok: false, reason: tooLargeMessage(bytes.length, 'file') };
  }
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
