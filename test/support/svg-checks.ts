import * as assert from 'node:assert/strict';

/**
 * Checks a picture the engine drew the way a browser would need it: tags balanced, no script or
 * external reference, and every text's anchor point inside the viewBox.
 */
export function assertWellFormedSvg(svg: string): { width: number; height: number; texts: { x: number; y: number; text: string }[] } {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/);
  const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  assert.doesNotMatch(svg, /<script|javascript:|xlink:href="http|href="http|@import|url\(/i, 'no script and nothing fetched');
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes what was opened`);
    else stack.push(name);
  }
  assert.deepEqual(stack, [], 'every tag is closed');
  assert.doesNotMatch(svg.replace(/<style>[\s\S]*?<\/style>/g, ''), /&(?!(amp|lt|gt|quot|#39);)/, 'every & is escaped');
  const texts = [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
  for (const t of texts) assert.ok(t.x >= 0 && t.x <= Number(w) && t.y >= 0 && t.y <= Number(h), `text '${t.text}' at ${t.x},${t.y} is inside ${w}×${h}`);
  return { width: Number(w), height: Number(h), texts };
}
