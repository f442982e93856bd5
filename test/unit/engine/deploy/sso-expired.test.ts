import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MhaError } from '../../../../src/engine/common/errors';
import { createAwsClientFactory } from '../../../../src/engine/deploy/aws-clients';
import { mapAwsError } from '../../../../src/engine/deploy/map-aws-error';
import { listStacks } from '../../../../src/engine/deploy/stack-reader';

/**
 * The SDK's real SSO provider with an expired cached token (and no refresh token): it fails
 * before any request, so nothing is contacted; the endpoint is a closed local port anyway.
 */
describe('an SSO profile whose session expired', () => {
  let home: string;
  const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-sso-'));
    fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'config'), [
      '[profile school-sso]', 'sso_session = school', 'sso_account_id = 111122223333', 'sso_role_name = Admin', 'region = eu-west-1',
      '[sso-session school]', 'sso_start_url = https://school.awsapps.com/start', 'sso_region = eu-west-1',
    ].join('\n'));
    const cacheFile = `${createHash('sha1').update('school').digest('hex')}.json`;
    fs.writeFileSync(path.join(home, '.aws', 'sso', 'cache', cacheFile), JSON.stringify({ accessToken: 'expired', expiresAt: '2020-01-01T00:00:00Z', region: 'eu-west-1', startUrl: 'https://school.awsapps.com/start' }));
    Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: path.join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials') });
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('says to run aws sso login for that profile', async () => {
    const clients = createAwsClientFactory({ region: 'eu-west-1', profile: 'school-sso', endpointUrl: 'http://127.0.0.1:9', maxAttempts: 1 });
    const error = await listStacks(clients.cloudFormation()).then(() => undefined, (e: unknown) => mapAwsError(e, clients.target, 'listing stacks'));
    assert.ok(error instanceof MhaError, `not mapped: ${String(error)}`);
    assert.equal(error.code, 'aws.ssoExpired');
    assert.match(error.nextStep ?? '', /aws sso login --profile school-sso/);
  });
});
