import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import { globToRegExp } from '../../common/find-files';

export interface BundleFile {
  /** Relative to the bundle root, forward slashes. */
  name: string;
  absolute: string;
  size: number;
  mode: number;
  modified: Date;
}

export interface BundleContents {
  root: string;
  files: BundleFile[];
  bytes: number;
  /** What was left out and why, for the user to see before anything is uploaded. */
  excluded: Array<{ name: string; reason: string }>;
}

/** Never shipped to web nodes: VCS data, local secrets, caches, dependencies of tooling. */
const ALWAYS_EXCLUDED: Array<[RegExp, string]> = [
  [/(^|\/)\.git(\/|$)/, 'version control data'],
  [/(^|\/)node_modules(\/|$)/, 'tooling dependencies'],
  [/(^|\/)\.moodle-ha(\/|$)/, 'toolkit state'],
  [/(^|\/)\.env(\..*)?$/, 'local secrets file'],
  [/(^|\/)config\.php$/, 'a real config.php holds secrets; the bundle ships config.php.template and the hooks render it'],
  [/(^|\/)moodledata(\/|$)/, 'moodledata lives on shared storage (EFS), not in the code bundle'],
  [/\.(log|swp)$|(^|\/)\.DS_Store$/, 'editor and log files'],
];

/**
 * The files of a Moodle bundle (Moodle code, config template, appspec.yml, hooks), minus what
 * must not ship, plus the patterns in the bundle's .moodlehaignore (glob per line).
 */
export function collectBundle(root: string): BundleContents {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new MhaError('io', `The bundle folder ${root} does not exist.`, { nextStep: 'Scaffold the app bundle first, or pass --bundle DIR.' });
  if (!fs.existsSync(path.join(root, 'appspec.yml'))) {
    throw new MhaError('usage', `${root} has no appspec.yml, so CodeDeploy would not know what to do with it.`, { nextStep: 'Point at the scaffolded app bundle (it has appspec.yml and hooks/).' });
  }
  const ignore = readIgnore(path.join(root, '.moodlehaignore'));
  const out: BundleContents = { root, files: [], bytes: 0, excluded: [] };
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = path.join(dir, e.name);
      const name = path.relative(root, absolute).split(path.sep).join('/');
      const rule = ALWAYS_EXCLUDED.find(([re]) => re.test(name)) ?? ignore.find(([re]) => re.test(name) || re.test(`${name}/`));
      if (rule) { out.excluded.push({ name: e.isDirectory() ? `${name}/` : name, reason: rule[1] }); continue; }
      if (e.isSymbolicLink()) { out.excluded.push({ name, reason: 'symbolic link' }); continue; }
      if (e.isDirectory()) walk(absolute);
      else if (e.isFile()) {
        const s = fs.statSync(absolute);
        out.files.push({ name, absolute, size: s.size, mode: s.mode, modified: s.mtime });
        out.bytes += s.size;
      }
    }
  };
  walk(root);
  return out;
}

function readIgnore(file: string): Array<[RegExp, string]> {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return []; }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((pattern) => [globToRegExp(pattern.replace(/\/$/, '/**').replace(/^\//, '')), `.moodlehaignore: ${pattern}`] as [RegExp, string]);
}
