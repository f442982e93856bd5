import * as assert from 'node:assert/strict';
import { MhaError } from '../../../../src/engine/common/errors';
import { checkStackName, mapAwsError } from '../../../../src/engine/deploy/map-aws-error';

const target = { region: 'eu-west-1', profile: 'school' };
const sdkError = (name: string, message: string, attempts?: number) => Object.assign(new Error(message), { name, $metadata: { attempts } });
const mapped = (e: unknown) => mapAwsError(e, target, 'deploying x') as MhaError;

describe('mapAwsError', () => {
  it('no credentials', () => assert.equal(mapped(sdkError('CredentialsProviderError', 'Could not load credentials from any providers')).code, 'aws.credentials'));
  it('an expired SSO session names the login command', () => {
    const e = mapped(sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid.'));
    assert.equal(e.code, 'aws.ssoExpired');
    assert.match(e.nextStep!, /aws sso login --profile school/);
  });
  it('access denied', () => assert.equal(mapped(sdkError('AccessDenied', 'not authorized to perform: cloudformation:CreateChangeSet')).code, 'aws.accessDenied'));
  it('throttling says the retries ran out', () => assert.match(mapped(sdkError('Throttling', 'Rate exceeded', 6)).message, /gave up after 6 attempts/));
  it('a region without the service', () => assert.equal(mapped(sdkError('Error', 'getaddrinfo ENOTFOUND cloudformation.mars-1.amazonaws.com')).code, 'aws.invalidInput'));
  it('cancellation passes through', () => { const c = Object.assign(new Error('x'), { name: 'AbortError' }); assert.equal(mapAwsError(c, target, 'x'), c); });
  it('checks stack names before any call', () => {
    assert.doesNotThrow(() => checkStackName('moodle-prod-1'));
    for (const bad of ['1moodle', 'moodle_prod', 'a'.repeat(129), '']) assert.throws(() => checkStackName(bad), /not a valid stack name/);
  });
});
