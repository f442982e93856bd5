/** Text for SVG/HTML element content and attribute values: the five XML specials escaped. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A number with a fixed number of decimals, for SVG coordinates (no exponent, no "-0"). */
export function coord(value: number, decimals = 1): string {
  const text = value.toFixed(decimals);
  return text === `-${(0).toFixed(decimals)}` ? (0).toFixed(decimals) : text;
}
