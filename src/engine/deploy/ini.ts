/** The AWS shared files' INI dialect: `[section]`, `key = value`, `#`/`;` comments, indented sub-keys. */
export type IniSections = Map<string, Record<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '');
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (!current) continue;
    // An indented line continues the previous key (s3 = … nested settings); we keep it verbatim.
    if (/^\s+/.test(raw) && lastKey && !line.includes('=')) { current[lastKey] += `\n${line.trim()}`; continue; }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    lastKey = line.slice(0, eq).trim();
    current[lastKey] = line.slice(eq + 1).trim();
  }
  return sections;
}
