/**
 * Splits a block-style YAML template into pieces that can be parsed on their own: one per
 * top-level section, and one per resource inside `Resources`. An edit then re-parses only the
 * piece it touched. Anything this simple split cannot be sure about (JSON or flow style at the
 * top, anchors and aliases that tie pieces together, tabs, several documents) is refused, and
 * the caller parses the whole text instead.
 */
export interface Chunk {
  /** The top-level key, or `Resources/<logicalId>` for a resource. */
  key: string;
  kind: 'section' | 'resources-header' | 'resource';
  text: string;
  /** Zero-based line where the chunk starts in the whole text. */
  startLine: number;
  lineCount: number;
}

const TOP_LEVEL_KEY = /^([A-Za-z_][\w:.-]*|"[^"]*"|'[^']*')\s*:(\s|$)/;

export function splitIntoChunks(text: string): Chunk[] | undefined {
  if (/^\s*[{[]/.test(text) || text.includes('\t')) return undefined;
  if (/(^|[\s[{,])[&*][^\s,\]}]/m.test(text.replace(/(["'])(?:(?!\1).)*\1/g, '""').replace(/#.*$/gm, ''))) return undefined;
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let current: { key: string; kind: Chunk['kind']; start: number } | undefined;
  let inResources = false;
  let resourceIndent = -1;

  const close = (end: number) => {
    if (!current) return;
    chunks.push({ key: current.key, kind: current.kind, text: lines.slice(current.start, end).join('\n') + (end < lines.length ? '\n' : ''), startLine: current.start, lineCount: end - current.start });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) return undefined;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      const match = TOP_LEVEL_KEY.exec(line);
      if (!match) return undefined;
      close(i);
      const key = match[1].replace(/^["']|["']$/g, '');
      inResources = key === 'Resources';
      resourceIndent = -1;
      current = { key, kind: inResources ? 'resources-header' : 'section', start: i };
      // `Resources: {…}` or `Resources: !Something` on one line: not splittable by resource.
      if (inResources && line.slice(match[0].length).trim() !== '' && !line.slice(match[0].length).trim().startsWith('#')) return undefined;
      continue;
    }
    if (!inResources) continue;
    if (resourceIndent < 0) resourceIndent = indent;
    if (indent < resourceIndent) return undefined;
    if (indent === resourceIndent) {
      const match = TOP_LEVEL_KEY.exec(line.slice(indent));
      if (!match) return undefined;
      close(i);
      current = { key: `Resources/${match[1].replace(/^["']|["']$/g, '')}`, kind: 'resource', start: i };
    }
  }
  close(lines.length);
  return chunks.length ? chunks : undefined;
}
