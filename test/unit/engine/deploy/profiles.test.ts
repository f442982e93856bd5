import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listProfiles, profileRegion } from '../../../../src/engine/deploy/profiles';
import { resolveTarget } from '../../../../src/engine/deploy/resolve-target';

describe('AWS profiles from the shared files', () => {
  let dir: string;
  let files: { configFile: string; credentialsFile: string };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-aws-'));
    files = { configFile: path.join(dir, 'config'), credentialsFile: path.join(dir, 'credentials') };
    fs.writeFileSync(files.configFile, [
      '[default]', 'region = eu-west-1', '',
      '# a comment', '[profile school-sso]', 'sso_session = school', 'sso_account_id = 111122223333', 'sso_role_name = Admin', 'region = eu-central-1',
      '[sso-session school]', 'sso_start_url = https://school.awsapps.com/start', 'sso_region = eu-west-1',
      '[profile legacy-sso]', 'sso_start_url = https://x.awsapps.com/start', 'sso_region = us-east-1',
      '[profile deployer]', 'role_arn = arn:aws:iam::1:role/Deploy', 'source_profile = default ; inline comment',
      '[profile tools]', 's3 =', '  max_concurrent_requests = 20', 'region = ap-southeast-2',
    ].join('\n'));
    fs.writeFileSync(files.credentialsFile, ['[default]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = SECRET', '[ci]', 'aws_access_key_id = AKIA2', 'aws_secret_access_key = S2'].join('\n'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists profiles from both files, SSO ones included, and not sso-session sections', () => {
    const profiles = listProfiles(files);
    assert.deepEqual(profiles.map((p) => `${p.name}:${p.kind}`), ['default:keys', 'ci:keys', 'deployer:role', 'legacy-sso:sso', 'school-sso:sso', 'tools:other']);
    assert.equal(profiles.find((p) => p.name === 'school-sso')?.ssoSession, 'school');
    assert.equal(profiles.find((p) => p.name === 'tools')?.region, 'ap-southeast-2');
    assert.ok(!JSON.stringify(profiles).includes('SECRET'), 'a secret leaked into the listing');
  });

  it('takes the region from the flag, then the environment, then the profile', () => {
    const env = { HOME: dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    assert.equal(profileRegion('school-sso', files), 'eu-central-1');
    assert.equal(resolveTarget({ profile: 'school-sso' }, env).region, 'eu-central-1');
    assert.equal(resolveTarget({ profile: 'school-sso' }, { ...env, AWS_REGION: 'us-west-2' }).region, 'us-west-2');
    assert.equal(resolveTarget({ profile: 'school-sso', region: 'sa-east-1' }, env).region, 'sa-east-1');
    assert.throws(() => resolveTarget({ profile: 'ci' }, env), /No AWS region/);
  });
});
