/**
 * Reads the settings of a Moodle config.php and version.php without running PHP: the simple
 * `$CFG->name = value;` assignments Moodle's installer writes. Values that are expressions stay as
 * their source text. Secrets are split off here, so nothing downstream can write them by mistake.
 */

export interface MoodleVersion {
  /** e.g. 2025041400 (the integer part of $version). */
  version: number;
  release: string;
  /** '500' for 5.0; empty when version.php has none (the probe). */
  branch: string;
}

export interface ConfigSettings {
  /** Every setting except secrets, as PHP source text with quotes removed from plain strings. */
  settings: Record<string, string>;
  /** Names of settings that held a secret (their values are only in `secrets`). */
  secretNames: string[];
}

/** Held in memory for the run only; never journalled, logged or written. */
export interface ConfigSecrets { dbpass?: string; [name: string]: string | undefined }

// dbpass, passwordsaltmain, session_redis_auth, smtppass, API keys and tokens.
const SECRET_NAME = /pass|secret|salt|apikey|token|privatekey|_auth$/i;
const ASSIGNMENT = /\$CFG->(\w+)\s*=\s*([\s\S]*?);[ \t]*(?:\/\/[^\n]*)?$/gm;

export function isSecretSetting(name: string): boolean { return SECRET_NAME.test(name); }

export function parseConfigPhp(source: string): ConfigSettings & { secrets: ConfigSecrets } {
  const settings: Record<string, string> = {};
  const secrets: ConfigSecrets = {};
  const secretNames: string[] = [];
  for (const match of stripComments(source).matchAll(ASSIGNMENT)) {
    const [, name, raw] = match;
    const value = phpLiteral(raw.trim());
    if (isSecretSetting(name)) { secrets[name] = value; secretNames.push(name); } else settings[name] = value;
  }
  return { settings, secretNames, secrets };
}

/** config.php with every secret's value replaced, for the work folder and the report. */
export function redactConfigPhp(source: string): string {
  return source.replace(/(\$CFG->(\w+)\s*=\s*)(['"])((?:\\.|(?!\3).)*)\3/g, (whole, lead: string, name: string) => (isSecretSetting(name) ? `${lead}'********'` : whole));
}

export function parseVersionPhp(source: string): MoodleVersion {
  const text = stripComments(source);
  const version = /\$version\s*=\s*([0-9]+)/.exec(text)?.[1];
  if (!version) throw new Error('version.php has no $version');
  return {
    version: Number(version),
    release: phpLiteral(/\$release\s*=\s*([^;]+);/.exec(text)?.[1]?.trim() ?? "''"),
    branch: phpLiteral(/\$branch\s*=\s*([^;]+);/.exec(text)?.[1]?.trim() ?? "''"),
  };
}

/** '5.0' for branch '500', '4.5' for '405'; undefined when there is no branch. */
export function branchToRelease(branch: string): string | undefined {
  if (!/^\d{3,4}$/.test(branch)) return undefined;
  return `${Number(branch.slice(0, -2))}.${Number(branch.slice(-2))}`;
}

function phpLiteral(raw: string): string {
  const quoted = /^(['"])([\s\S]*)\1$/.exec(raw);
  if (!quoted) return raw;
  return quoted[1] === "'" ? quoted[2].replace(/\\(['\\])/g, '$1') : quoted[2].replace(/\\(.)/g, '$1');
}

/** Drops /* *\/ and line comments outside strings (a commented-out setting is not a setting). */
function stripComments(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"') {
      const start = i;
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
      out += source.slice(start, i + 1);
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
    } else if ((c === '/' && source[i + 1] === '/') || c === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end - 1;
    } else out += c;
  }
  return out;
}
