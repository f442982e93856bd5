import * as assert from 'node:assert/strict';
import { burstable, instanceArchitecture, steadyEquivalent } from '../../../../src/engine/common/ec2-instance-types';
import { compileAllowedPattern } from '../../../../src/engine/deploy/allowed-pattern';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { resolveOptions } from '../../../../src/engine/scaffold/options';

/**
 * Review m7 ("t3.large on a 60 % CPU target runs above the T3 baseline"; "x86 only"): the default
 * web tier is Graviton and not burstable, the AMI follows the instance type's architecture, and
 * the type parameter refuses the other architecture at deploy time (an arm64 AMI on an x86 type
 * fails every launch instead).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const webParameters = (instanceType?: string): Json => buildTemplate(resolveOptions(instanceType ? { web: { instanceType } } : {})).Parameters;
const accepts = (parameter: Json, value: string): boolean => {
  const compiled = compileAllowedPattern(parameter.AllowedPattern);
  assert.equal(compiled.kind, 'linear', `${parameter.AllowedPattern} must be checkable before deploy`);
  return compiled.kind === 'linear' && compiled.matches(value);
};

const ARM = ['m7g.large', 'c7g.xlarge', 'r8g.2xlarge', 't4g.large', 'c7gn.large', 'm7gd.xlarge', 'im4gn.large', 'a1.large'];
const X86 = ['t3.large', 'm7i.large', 'm7i-flex.large', 'c6in.xlarge', 'm7a.large', 'r6id.large', 'm5.large', 'g4dn.xlarge', 'x2iedn.xlarge'];

describe('scaffold: the web tier\'s instance type and AMI architecture (review m7)', () => {
  it('names every instance type\'s architecture from its family', () => {
    assert.deepEqual(ARM.filter((t) => instanceArchitecture(t) !== 'arm64'), []);
    assert.deepEqual(X86.filter((t) => instanceArchitecture(t) !== 'x86_64'), []);
  });

  it('the default is m7g.large (not burstable) with the arm64 AL2023 AMI', () => {
    const p = webParameters();
    assert.equal(p.WebInstanceType.Default, 'm7g.large');
    assert.equal(burstable(p.WebInstanceType.Default), undefined);
    assert.equal(p.LatestAmiId.Default, '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
  });

  it('an x86 choice gets the x86_64 AMI', () => {
    assert.equal(webParameters('m7i.large').LatestAmiId.Default, '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    assert.equal(webParameters('t3.large').LatestAmiId.Default, '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
  });

  it('WebInstanceType accepts only types of the AMI\'s architecture, and says why otherwise', () => {
    const arm = webParameters().WebInstanceType;
    assert.deepEqual(ARM.filter((t) => !accepts(arm, t)), []);
    assert.deepEqual(X86.filter((t) => accepts(arm, t)), []);
    assert.match(arm.ConstraintDescription, /Graviton \(arm64\).*scaffold again/);
    const x86 = webParameters('m7i.large').WebInstanceType;
    assert.deepEqual(X86.filter((t) => !accepts(x86, t)), []);
    assert.deepEqual(ARM.filter((t) => t !== 'a1.large' && accepts(x86, t)), [], 'a1 (first-generation Graviton) is the one the x86 pattern cannot tell');
  });

  it('burstable baselines and their steady equivalents of the same architecture', () => {
    assert.deepEqual(burstable('t3.large'), { family: 't3', baselinePercent: 30, defaultCredits: 'unlimited' });
    assert.deepEqual(burstable('t2.xlarge'), { family: 't2', baselinePercent: 22.5, defaultCredits: 'standard' });
    assert.equal(burstable('m7g.large'), undefined);
    for (const type of ['t3.medium', 't3a.xlarge', 't4g.2xlarge', 't2.micro']) {
      const steady = steadyEquivalent(type)!;
      assert.equal(burstable(steady), undefined, steady);
      assert.equal(instanceArchitecture(steady), instanceArchitecture(type), `${type} → ${steady}`);
    }
  });
});
