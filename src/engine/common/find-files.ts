import * as fs from 'node:fs';
import * as path from 'node:path';

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'out', 'dist']);

/**
 * Expands CLI arguments into files: plain files as given, directories to the templates inside,
 * and globs (`*`, `**`, `?`) matched against the tree below their fixed prefix.
 */
export function expandFileArguments(args: string[], cwd: string): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const arg of args) {
    const before = files.length;
    if (/[*?[]/.test(arg)) {
      const regex = globToRegExp(path.resolve(cwd, arg));
      for (const file of walk(fixedPrefix(path.resolve(cwd, arg)))) if (regex.test(file)) files.push(file);
    } else {
      const full = path.resolve(cwd, arg);
      const stat = fs.statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) files.push(...walk(full).filter((f) => TEMPLATE_EXTENSIONS.test(f)));
      else if (stat) files.push(full);
    }
    if (files.length === before) unmatched.push(arg);
  }
  return { files: [...new Set(files)], unmatched };
}

function fixedPrefix(pattern: string): string {
  const parts = pattern.split(path.sep);
  const index = parts.findIndex((p) => /[*?[]/.test(p));
  return parts.slice(0, index).join(path.sep) || path.sep;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(current, { withFileTypes: true }); } catch { continue; }
    for (const e of entries) {
      const full = path.join(current, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) stack.push(full); } else if (e.isFile()) out.push(full);
    }
  }
  return out.sort();
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; if (glob[i + 1] === '/') i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
