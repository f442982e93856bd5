/**
 * Untrusted text (parameter values, logical ids, stack names) placed in Markdown that the user reads
 * to decide on a deploy. None of it may add structure: no line breaks (a `> …` line would be a fake
 * note), no links or images (a remote image is a beacon), no table cells.
 */

/** Line breaks and other control characters, shown instead of obeyed. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r\n|\r|\n/g, '⏎').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Plain text: every ASCII punctuation mark backslash-escaped, so nothing is read as Markdown or HTML. */
export function markdownText(text: string): string {
  return visible(text).replace(/[\\`*_{}[\]()#+\-.!|<>~"'&:=$%^@]/g, (c) => `\\${c}`);
}

/**
 * A code span that cannot be closed early: fenced with more backticks than the longest run inside.
 * `|` is escaped too, which GitHub-style tables need even inside code.
 */
export function markdownCode(text: string): string {
  const shown = visible(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || shown === '' ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
