/**
 * PyYAML, which CloudFormation's own tooling and cfn-lint use, accepts a quoted scalar whose
 * continuation lines sit at or left of the key's indentation:
 *
 *     Value: 'Log in to the console, select
 *     your instance…'
 *
 * The YAML library refuses it ("Missing closing quote"). This returns the text with such
 * continuation lines indented just enough (spaces only, so every line keeps its number; leading
 * spaces of a continuation line are folded away, so the value is unchanged). Block scalars and
 * comments are left alone.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let blockParentIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = leadingSpaces(line);
    if (blockParentIndent >= 0) {
      if (line.trim() === '' || indent > blockParentIndent) continue;
      blockParentIndent = -1;
    }
    const open = openingQuote(line);
    if (open === undefined) {
      if (/(^|[:-]\s)[|>][-+0-9]*\s*(#.*)?$/.test(line.trimEnd().slice(indent))) blockParentIndent = indent;
      continue;
    }
    const quote = line[open];
    let close = closingQuote(line, open + 1, quote);
    let k = i;
    while (close < 0 && k + 1 < lines.length) {
      k++;
      const needed = indent + 2;
      const have = leadingSpaces(lines[k]);
      if (lines[k].trim() !== '' && have < needed) lines[k] = ' '.repeat(needed - have) + lines[k];
      close = closingQuote(lines[k], 0, quote);
    }
    if (close < 0) break; // never closed: nothing to relax, the library's error stands
    i = k;
  }
  return lines.join('\n');
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

/** Where a quoted scalar starts on this line and does not end on it, if one does. */
function openingQuote(line: string): number | undefined {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return undefined;
    if ((c === '"' || c === "'") && startsValue(line, i)) {
      const end = closingQuote(line, i + 1, c);
      if (end < 0) return i;
      i = end + 1;
      continue;
    }
    i++;
  }
  return undefined;
}

/** A quote opens a scalar after indentation, `: `, `- `, a flow indicator, or a tag. */
function startsValue(line: string, at: number): boolean {
  const before = line.slice(0, at).trimEnd();
  if (before === '' || /[:\-[{,]$/.test(before)) return true;
  return /(^|[\s:\-[{,])![\w:!]*$/.test(before);
}

/** Index of the closing quote from `from` on, or -1. `''` inside single quotes and `\"` inside double quotes are escapes. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') { i++; continue; }
    if (c !== quote) continue;
    if (quote === "'" && line[i + 1] === "'") { i++; continue; }
    return i;
  }
  return -1;
}
