import * as assert from 'node:assert/strict';
import { decodeTemplateBytes } from '../../../../src/engine/template/decode';

function utf32(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const cps = [...(bom ? '\uFEFF' : ''), ...text].map((c) => c.codePointAt(0)!);
  const view = new DataView(new ArrayBuffer(cps.length * 4));
  cps.forEach((cp, i) => view.setUint32(i * 4, cp, littleEndian));
  return new Uint8Array(view.buffer);
}

describe('template: decoding bytes from disk', () => {
  const text = 'Resources:\n  Bucket: { Type: "AWS::S3::Bucket" }  # café ✓ 🚀\n';

  it('reads UTF-32 LE and BE with a BOM (LE is not mistaken for UTF-16)', () => {
    assert.deepEqual(decodeTemplateBytes(utf32(text, true)), { ok: true, text });
    assert.deepEqual(decodeTemplateBytes(utf32(text, false)), { ok: true, text });
  });

  it('refuses UTF-32 that is cut short or holds a value that is no code point, saying what to do', () => {
    const cut = utf32(text, true).subarray(0, 4 * 5 + 2);
    const bad = utf32(text, true);
    new DataView(bad.buffer).setUint32(8, 0x110000, true);
    for (const bytes of [cut, bad]) {
      const decoded = decodeTemplateBytes(bytes);
      assert.equal(decoded.ok, false);
      assert.match(decoded.ok ? '' : decoded.reason, /not valid UTF-32.*UTF-8/);
    }
  });

  it('still reads UTF-16 LE with a BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...[...'a: 1'].flatMap((c) => [c.charCodeAt(0), 0])]);
    assert.deepEqual(decodeTemplateBytes(bytes), { ok: true, text: 'a: 1' });
  });
});
