import { moodleSetting } from '../moodle-config';

/**
 * Values of config.php settings a template writes, and where its boot script mounts shared
 * storage. Only what the text states literally: an expression (getenv(), a variable) is unknown,
 * and rules stay silent on unknowns.
 */

/** A setting's value when config.php assigns it a plain string literal ('x' or "x"); ${...} Sub placeholders stay as text. */
export function literalSetting(config: string, name: string): string | undefined {
  const source = moodleSetting(config, name);
  const m = source?.match(/^(['"])([^'"]*)\1$/);
  return m?.[2];
}

/** `true`/`1` → true, `false`/`0` → false, anything else (or unset) → undefined. */
export function booleanSetting(config: string, name: string): boolean | undefined {
  const source = moodleSetting(config, name)?.toLowerCase();
  if (source === 'true' || source === '1') return true;
  if (source === 'false' || source === '0') return false;
  return undefined;
}

const NETWORK_FS = '(?:efs|nfs4?|glusterfs|lustre)';

/**
 * The script as the shell runs it: cfn-init commands arrive JSON-encoded (`\n` for a line break),
 * and a commented-out line runs nothing (aws-refarch-moodle keeps its cache and temp mounts as
 * `#mount ...`).
 */
function runnableText(script: string): string {
  return script.replace(/\\n/g, '\n').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
}

/** Directories the boot script mounts a network file system on: `mount -t efs|nfs|... SRC DIR` and fstab lines. */
export function sharedMountPoints(bootScript: string): string[] {
  const script = runnableText(bootScript);
  const points = new Set<string>();
  for (const m of script.matchAll(new RegExp(String.raw`\bmount\s+(?:-\S+\s+)*-t\s+${NETWORK_FS}\b(?:\s+-o\s+\S+)?\s+\S+\s+(/[^\s;|&"']*)`, 'g'))) points.add(m[1]);
  for (const m of script.matchAll(new RegExp(String.raw`\S+:\S*\s+(/[^\s"']*)\s+${NETWORK_FS}\s`, 'g'))) points.add(m[1]);
  // amazon-efs-utils also takes "fs-id:/ DIR efs" and "mount -t efs fs-id DIR"; both are covered above.
  // A mount the script takes down again (the refarch mounts the root once to make folders) is not where Moodle runs.
  const unmounted = new Set([...script.matchAll(/\bumount\s+(?:-\S+\s+)*(\/[^\s;|&"']*)/g)].map((m) => m[1].replace(/\/+$/, '')));
  return [...points].map((p) => p.replace(/\/+$/, '') || '/').filter((p) => !unmounted.has(p));
}

/** Directories the script links elsewhere (`ln -s TARGET LINK`): a link into shared storage counts as shared. */
export function symlinkTargets(bootScript: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of runnableText(bootScript).matchAll(/\bln\s+-[a-zA-Z]*s[a-zA-Z]*\s+(\/\S+)\s+(\/[^\s;|&]+)/g)) links.set(m[2].replace(/\/+$/, ''), m[1].replace(/\/+$/, ''));
  return links;
}

/** A directory is on shared storage when it is a mount point, below one, or a link to such a place. */
export function isOnShared(dir: string, mounts: string[], links: Map<string, string>): boolean {
  const clean = dir.replace(/\/+$/, '');
  const below = (d: string) => mounts.some((m) => d === m || d.startsWith(m === '/' ? '/' : `${m}/`));
  if (below(clean)) return true;
  for (const [link, target] of links) if ((clean === link || clean.startsWith(`${link}/`)) && below(target)) return true;
  return false;
}
