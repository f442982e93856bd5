import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP = new Set(['.git', 'node_modules', 'vendor', 'tests', 'fixtures', 'amd', 'yui', 'lang', 'pix', 'templates', 'classes', 'db', 'cli']);

/**
 * The plugin components a Moodle code folder holds: each plugin is a folder whose version.php sets
 * $plugin->component. Walks at most six levels (mod/assign/submission/file is four).
 */
export function listPlugins(codeDir: string): string[] {
  const found = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (e.isFile() && e.name === 'version.php' && depth > 0) {
        const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
        const component = /\$plugin->component\s*=\s*['"]([a-z0-9_]+)['"]/.exec(text)?.[1];
        if (component) found.add(component);
      } else if (e.isDirectory() && depth < 6 && !SKIP.has(e.name)) walk(path.join(dir, e.name), depth + 1);
    }
  };
  walk(codeDir, 0);
  return [...found].sort();
}
