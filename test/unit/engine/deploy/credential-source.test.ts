import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localCredentialSource } from '../../../../src/engine/deploy/credential-source';

describe('where local AWS credentials come from (the Stacks view\'s "no credentials" page)', () => {
  let dir: string;
  let files: { configFile: string; credentialsFile: string };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-creds-'));
    files = { configFile: path.join(dir, 'config'), credentialsFile: path.join(dir, 'credentials') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, lines: string[]) => fs.writeFileSync(file, lines.join('\n'));

  it('finds none with no files and no variables', () => {
    assert.equal(localCredentialSource(undefined, {}, files), undefined);
  });

  it('finds none in a config that only names a region (what the wizard user often has)', () => {
    write(files.configFile, ['[default]', 'region = eu-west-1', '[profile tools]', 'output = json']);
    assert.equal(localCredentialSource(undefined, {}, files), undefined);
    assert.equal(localCredentialSource('tools', {}, files), undefined);
  });

  it('finds keys in the credentials file, SSO, a role and a credential process, for the chosen profile only', () => {
    write(files.credentialsFile, ['[default]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = SECRET']);
    write(files.configFile, ['[profile sso]', 'sso_session = school', '[profile deployer]', 'role_arn = arn:aws:iam::1:role/D', '[profile proc]', 'credential_process = /bin/get-creds']);
    assert.equal(localCredentialSource(undefined, {}, files), 'profile default');
    assert.equal(localCredentialSource('sso', {}, files), 'profile sso');
    assert.equal(localCredentialSource('deployer', {}, files), 'profile deployer');
    assert.equal(localCredentialSource(undefined, { AWS_PROFILE: 'proc' }, files), 'profile proc');
    assert.equal(localCredentialSource('missing', {}, files), undefined);
  });

  it('finds environment keys, a web identity token and the container endpoint, and needs both key halves', () => {
    assert.match(localCredentialSource(undefined, { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }, files) ?? '', /AWS_ACCESS_KEY_ID/);
    assert.equal(localCredentialSource(undefined, { AWS_ACCESS_KEY_ID: 'A' }, files), undefined);
    assert.match(localCredentialSource(undefined, { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, files) ?? '', /WEB_IDENTITY/);
    assert.match(localCredentialSource(undefined, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x' }, files) ?? '', /container/);
  });
});
