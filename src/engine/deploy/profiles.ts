import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseIni } from './ini';

export interface AwsProfile {
  name: string;
  region?: string;
  /** sso: IAM Identity Center; keys: static keys in the credentials file; role: assumes a role; other: process etc. */
  kind: 'sso' | 'keys' | 'role' | 'other';
  ssoSession?: string;
  sources: Array<'config' | 'credentials'>;
  /** It names a way to get credentials (keys, SSO, a role, a process), not only settings such as a region. */
  hasCredentials: boolean;
}

const CREDENTIAL_KEYS = ['aws_access_key_id', 'sso_session', 'sso_start_url', 'role_arn', 'credential_process', 'web_identity_token_file'];

export interface SharedFiles {
  configFile: string;
  credentialsFile: string;
}

/** Where the SDK and the AWS CLI look, honouring the same environment variables. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): SharedFiles {
  const home = env.HOME ?? os.homedir();
  return {
    configFile: env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'),
  };
}

/** Every profile named in the shared config and credentials files; never reads out a secret. */
export function listProfiles(files: SharedFiles = sharedFilePaths()): AwsProfile[] {
  const byName = new Map<string, AwsProfile>();
  const note = (name: string, source: 'config' | 'credentials', values: Record<string, string>) => {
    const p = byName.get(name) ?? { name, kind: 'other' as AwsProfile['kind'], sources: [], hasCredentials: false };
    p.sources.push(source);
    p.region ??= values.region;
    if (CREDENTIAL_KEYS.some((k) => values[k])) p.hasCredentials = true;
    if (values.sso_session || values.sso_start_url) { p.kind = 'sso'; p.ssoSession = values.sso_session; }
    else if (values.role_arn && p.kind !== 'sso') p.kind = 'role';
    else if (values.aws_access_key_id && p.kind === 'other') p.kind = 'keys';
    byName.set(name, p);
  };
  for (const [section, values] of parseIni(readOrEmpty(files.configFile))) {
    if (section === 'default') note('default', 'config', values);
    else if (section.startsWith('profile ')) note(section.slice('profile '.length).trim(), 'config', values);
    // [sso-session X] and [services X] are not profiles; profiles refer to them.
  }
  for (const [section, values] of parseIni(readOrEmpty(files.credentialsFile))) note(section, 'credentials', values);
  return [...byName.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** The region a profile names, for when neither a setting nor a flag gives one. */
export function profileRegion(profile: string | undefined, files: SharedFiles = sharedFilePaths()): string | undefined {
  return listProfiles(files).find((p) => p.name === (profile ?? 'default'))?.region;
}

function readOrEmpty(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}
