import * as assert from 'node:assert/strict';
import { MhaError } from '../../../../src/engine/common/errors';
import { checkEndpoint } from '../../../../src/engine/deploy/endpoint-policy';
import { resolveTarget } from '../../../../src/engine/deploy/resolve-target';

const env = { AWS_REGION: 'us-east-1' };

describe('endpoint overrides (security review HIGH-2)', () => {
  it('refuses plain http to another machine: the review\'s capture proxy on a LAN address', () => {
    for (const url of ['http://10.0.0.5:5098', 'http://attacker.example', 'http://127.0.0.1.attacker.example:5000']) {
      assert.throws(() => resolveTarget({ endpointUrl: url }, env), (e: unknown) => e instanceof MhaError && e.code === 'usage' && /plain http to another machine/.test(e.message), url);
    }
  });

  it('refuses other schemes and credentials in the URL', () => {
    assert.throws(() => resolveTarget({ endpointUrl: 'ftp://127.0.0.1' }, env), /not an http\(s\) URL/);
    assert.throws(() => resolveTarget({ endpointUrl: 'https://user:pw@example.com' }, env), /user name or password/);
    assert.throws(() => resolveTarget({ endpointUrl: 'not a url' }, env), /not a URL/);
  });

  it('accepts http on loopback (moto, LocalStack) and https anywhere', () => {
    for (const url of ['http://127.0.0.1:5000', 'http://localhost:4566', 'http://[::1]:5000', 'https://cfn.example.com']) {
      assert.equal(resolveTarget({ endpointUrl: url }, env).endpointUrl, url);
    }
  });

  it('the environment variable is held to the same rule', () => {
    assert.throws(() => resolveTarget({}, { ...env, MOODLE_HA_AWS_ENDPOINT_URL: 'http://192.168.1.9:5000' }), /plain http/);
  });

  it('tells AWS hosts from others, so only a non-AWS endpoint needs confirming', () => {
    assert.equal(checkEndpoint('https://cloudformation.eu-west-1.amazonaws.com').isAws, true);
    assert.equal(checkEndpoint('https://s3.cn-north-1.amazonaws.com.cn').isAws, true);
    assert.equal(checkEndpoint('https://amazonaws.com.attacker.example').isAws, false);
    assert.equal(checkEndpoint('http://127.0.0.1:5000').isAws, false);
  });
});
