// The AWS shared files the extension host reads: the UI server and this runner share one throwaway
// HOME (scripts/test-vscode.sh), so a test sets up exactly the profile state it needs, and the
// server's environment carries no region and no keys (only the moto endpoint).
import fs from 'node:fs';
import path from 'node:path';

const dir = () => path.join(process.env.HOME, '.aws');

/** Writes ~/.aws/config and ~/.aws/credentials; `region` and `keys` may each be left out. */
export function writeAwsFiles({ region, keys = false } = {}) {
  removeAwsFiles();
  fs.mkdirSync(dir(), { recursive: true });
  fs.writeFileSync(path.join(dir(), 'config'), region ? `[default]\nregion = ${region}\n` : '');
  if (keys) fs.writeFileSync(path.join(dir(), 'credentials'), '[default]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
}

/** The moto_server target the stacks and deploy tests talk to: a region and throwaway keys. */
export function useMotoProfile() {
  writeAwsFiles({ region: 'us-east-1', keys: true });
}

export function removeAwsFiles() {
  fs.rmSync(dir(), { recursive: true, force: true });
}

/** A variable in this environment that would stand in for what a test takes away. */
export function awsEnvironmentProblem() {
  const set = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE'].filter((n) => process.env[n]);
  return set.length ? `the UI server's environment sets ${set.join(', ')}: the view can never be without a region or credentials` : undefined;
}
