/**
 * What may go into a code bundle, by name: entry names the archive can carry safely (MEDIUM-3) and
 * files that must never ship to web servers (MEDIUM-4). Moodle's own code is full of files that
 * look alike (theme/boost/config.php, cache/classes/config.php, lib/cacert.pem), so the rules are
 * anchored: a config*.php is a site configuration only at the root of a Moodle tree, and a .pem
 * is a secret only when it holds a private key.
 */

/** Why an entry name is unsafe in a zip (a path that could leave the extraction folder), or undefined. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === '') return 'empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'control character in the name';
  if (name.includes('\\')) return 'backslash in the name (unzip tools read it as a folder separator)';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  const segments = name.split('/');
  if (segments.some((s) => s === '')) return 'empty path segment';
  if (segments.some((s) => s === '.' || s === '..')) return "'.' or '..' path segment";
  return undefined;
}

/** Never shipped to web nodes, wherever they are: [pattern, reason]. */
export const ALWAYS_EXCLUDED: Array<[RegExp, string]> = [
  [/(^|\/)\.git(\/|$)/, 'version control data'],
  [/(^|\/)node_modules(\/|$)/, 'tooling dependencies'],
  [/(^|\/)\.moodle-ha(\/|$)/, 'toolkit state'],
  [/(^|\/)\.env(\..*)?$|\.env$/, 'local secrets file'],
  [/(^|\/)moodledata(\/|$)/, 'moodledata lives on shared storage (EFS), not in the code bundle'],
  [/(^|\/)\.(aws|ssh)(\/|$)/, 'credentials folder'],
  [/(^|\/)(\.npmrc|\.htpasswd|\.netrc|\.pgpass|\.my\.cnf)$/, 'credentials file'],
  [/(^|\/)id_[^./]+(\.pub)?$/, 'SSH key'],
  [/\.(key|p12|pfx|jks)$/, 'private key or key store'],
  [/\.(bak|orig|old|swp|swo)$|~$|(^|\/)#[^/]*#$/, 'backup or editor file (may hold an older config.php with its secrets)'],
  [/\.log$|(^|\/)\.DS_Store$/, 'log or system file'],
];

/** A site configuration file: config*.php (but config-dist.php) at the bundle root, in code/, or next to config-dist.php. */
export function isSiteConfig(name: string, moodleRoots: ReadonlySet<string>): boolean {
  const slash = name.lastIndexOf('/');
  const dir = slash < 0 ? '' : name.slice(0, slash);
  const base = name.slice(slash + 1);
  if (!/^config.*\.php$/.test(base) || base === 'config-dist.php') return false;
  return dir === '' || dir === 'code' || moodleRoots.has(dir);
}

/** Included, but worth a look before uploading: dotfiles and what may be a database dump. */
export function noteworthy(name: string): string | undefined {
  if (name.split('/').some((s) => s.startsWith('.'))) return 'dotfile';
  if (/\.(sql|dump|sql\.gz|sqlite|db)$/.test(name)) return 'possible database dump';
  return undefined;
}
