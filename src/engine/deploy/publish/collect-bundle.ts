import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../common/errors';
import { parse as parseYaml } from 'yaml';
import { globToRegExp } from '../../common/find-files';
import { ALWAYS_EXCLUDED, isSiteConfig, noteworthy, unsafeEntryName } from './bundle-rules';

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
  /** Included dotfiles and possible dumps, listed in the confirmation. */
  noteworthy: Array<{ name: string; reason: string }>;
}

const SITE_CONFIG_REASON = 'a real config.php (or a copy of one) holds secrets; the bundle ships config.php.template and the hooks render it';

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
  const out: BundleContents = { root, files: [], bytes: 0, excluded: [], noteworthy: [] };
  const unsafe: string[] = [];
  const sources = appspecSources(path.join(root, 'appspec.yml'));
  const walk = (dir: string, rel: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    // A Moodle tree's root (it has config-dist.php, or appspec.yml copies it to the web root):
    // its config*.php files are site configurations.
    const roots = new Set(entries.some((e) => e.name === 'config-dist.php') || sources.has(rel) ? [rel] : []);
    for (const e of entries) {
      const absolute = path.join(dir, e.name);
      // Never path.relative + split(sep): on Linux a backslash is part of a file name, not a separator.
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      const problem = unsafeEntryName(name);
      if (problem) { unsafe.push(`${JSON.stringify(name)}: ${problem}`); continue; }
      const rule = ALWAYS_EXCLUDED.find(([re]) => re.test(name)) ?? ignore.find(([re]) => re.test(name) || re.test(`${name}/`))
        ?? (e.isFile() && isSiteConfig(name, roots) ? [/./, SITE_CONFIG_REASON] as const : undefined)
        ?? (e.isFile() && name.endsWith('.pem') && holdsPrivateKey(absolute) ? [/./, 'PEM file with a private key'] as const : undefined);
      if (rule) { out.excluded.push({ name: e.isDirectory() ? `${name}/` : name, reason: rule[1] }); continue; }
      if (e.isSymbolicLink()) { out.excluded.push({ name, reason: 'symbolic link' }); continue; }
      if (e.isDirectory()) walk(absolute, name);
      else if (e.isFile()) {
        const s = fs.statSync(absolute);
        out.files.push({ name, absolute, size: s.size, mode: s.mode, modified: s.mtime });
        out.bytes += s.size;
        const note = noteworthy(name);
        if (note) out.noteworthy.push({ name, reason: note });
      }
    }
  };
  walk(root, '');
  if (unsafe.length) {
    throw new MhaError('usage', `The bundle has ${unsafe.length} file name(s) that are not safe in a zip archive, so nothing was uploaded:\n${unsafe.map((u) => `  ${u}`).join('\n')}`, {
      nextStep: 'Rename or remove these files (a web server bundle never needs them), then publish again.',
    });
  }
  return out;
}

/** The folders appspec.yml copies to the servers (files[].source), without ./ or trailing slash. */
function appspecSources(file: string): Set<string> {
  try {
    const spec = parseYaml(fs.readFileSync(file, 'utf8')) as { files?: Array<{ source?: unknown }> } | null;
    return new Set((spec?.files ?? []).map((f) => String(f?.source ?? '').replace(/^\.?\/+/, '').replace(/\/+$/, '')));
  } catch {
    return new Set();
  }
}

function holdsPrivateKey(file: string): boolean {
  try {
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(fs.readFileSync(file, 'latin1'));
  } catch {
    return false;
  }
}

function readIgnore(file: string): Array<[RegExp, string]> {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return []; }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((pattern) => [globToRegExp(pattern.replace(/\/$/, '/**').replace(/^\//, '')), `.moodlehaignore: ${pattern}`] as [RegExp, string]);
}
