import * as assert from 'node:assert/strict';
import { resolveParameters } from '../../../../src/engine/deploy/resolve-parameters';
import { inferCapabilities, templateParameters } from '../../../../src/engine/deploy/template-inputs';
import { TemplateModel } from '../../../../src/engine/template/template-model';

const template = (resources: string, extra = '') => TemplateModel.parse('t.yaml', `AWSTemplateFormatVersion: '2010-09-09'
${extra}Parameters:
  Env:
    Type: String
    Default: test
    AllowedValues: [test, prod]
    Description: Which environment
  AdminPassword:
    Type: String
    NoEcho: true
    AllowedPattern: '[A-Za-z0-9]{12,}'
    ConstraintDescription: at least 12 letters or digits
  Nodes:
    Type: Number
    Default: 2
Resources:
${resources}`);

describe('template parameters and capabilities', () => {
  it('reads AllowedValues, NoEcho, defaults and descriptions', () => {
    const specs = templateParameters(template('  B:\n    Type: AWS::S3::Bucket\n'));
    assert.deepEqual(specs.map((s) => [s.key, s.defaultValue, s.noEcho, s.allowedValues?.join('|')]), [
      ['Env', 'test', false, 'test|prod'], ['AdminPassword', undefined, true, undefined], ['Nodes', '2', false, undefined],
    ]);
    assert.equal(specs[0].description, 'Which environment');
  });

  it('infers IAM, named IAM and auto-expand, with the reasons', () => {
    assert.deepEqual(inferCapabilities(template('  B:\n    Type: AWS::S3::Bucket\n')), []);
    assert.deepEqual(inferCapabilities(template('  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n')).map((c) => c.capability), ['CAPABILITY_IAM']);
    const named = inferCapabilities(template('  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: web\n'));
    assert.deepEqual(named.map((c) => c.capability), ['CAPABILITY_NAMED_IAM']);
    assert.match(named[0].because[0], /R \(AWS::IAM::Role with RoleName\)/);
    const sam = inferCapabilities(template('  F:\n    Type: AWS::S3::Bucket\n', 'Transform: AWS::Serverless-2016-10-31\n'));
    assert.deepEqual(sam.map((c) => c.capability), ['CAPABILITY_AUTO_EXPAND']);
  });

  it('resolves each parameter: given, remembered, previous, default; never shows NoEcho values', async () => {
    const specs = templateParameters(template('  B:\n    Type: AWS::S3::Bucket\n'));
    const r = await resolveParameters(specs, { given: { Nodes: '3' }, remembered: { Env: 'prod', AdminPassword: 'ignored' }, previousKeys: new Set(['AdminPassword']) });
    assert.deepEqual(r.sdk, [
      { ParameterKey: 'Env', ParameterValue: 'prod' },
      { ParameterKey: 'AdminPassword', UsePreviousValue: true },
      { ParameterKey: 'Nodes', ParameterValue: '3' },
    ]);
    const fresh = await resolveParameters(specs, { given: { AdminPassword: 'Secret1234567' }, remembered: {}, previousKeys: new Set() });
    assert.equal(fresh.shown.find((s) => s.key === 'AdminPassword')?.value, '****');
    assert.equal(fresh.sdk.find((s) => s.ParameterKey === 'Env')?.ParameterValue, 'test');
  });

  it('rejects values outside AllowedValues or AllowedPattern without echoing secrets', async () => {
    const specs = templateParameters(template('  B:\n    Type: AWS::S3::Bucket\n'));
    await assert.rejects(resolveParameters(specs, { given: { Env: 'staging', AdminPassword: 'Secret1234567' }, remembered: {}, previousKeys: new Set() }), /must be one of test, prod/);
    await assert.rejects(resolveParameters(specs, { given: { AdminPassword: 'short' }, remembered: {}, previousKeys: new Set() }),
      (e: Error) => /at least 12/.test(e.message) && !e.message.includes('short'));
    await assert.rejects(resolveParameters(specs, { given: {}, remembered: {}, previousKeys: new Set() }), /AdminPassword' needs a value/);
    await assert.rejects(resolveParameters(specs, { given: { Nope: '1' }, remembered: {}, previousKeys: new Set() }), /no parameter 'Nope'/);
  });

  it('asks the host when it can, and stops when the host cancels', async () => {
    const specs = templateParameters(template('  B:\n    Type: AWS::S3::Bucket\n'));
    const asked: string[] = [];
    const r = await resolveParameters(specs, {
      given: {}, remembered: {}, previousKeys: new Set(['Env']),
      prompt: async (q) => { asked.push(`${q.spec.key}:${q.previousAvailable}`); return q.spec.key === 'Env' ? { usePrevious: true } : { value: q.spec.noEcho ? 'Secret1234567' : q.spec.defaultValue ?? '' }; },
    });
    assert.deepEqual(asked, ['Env:true', 'AdminPassword:false', 'Nodes:false']);
    assert.equal(r.sdk[0].UsePreviousValue, true);
    await assert.rejects(resolveParameters(specs, { given: {}, remembered: {}, previousKeys: new Set(), prompt: async () => undefined }), { name: 'AbortError' });
  });
});
