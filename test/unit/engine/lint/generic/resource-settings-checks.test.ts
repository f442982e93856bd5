import * as assert from 'node:assert/strict';
import { auroraCluster } from '../../../../../src/engine/lint/generic/aurora-cluster';
import type { GenericCheck } from '../../../../../src/engine/lint/generic/generic-check';
import { requiredProperties } from '../../../../../src/engine/lint/generic/required-properties';
import { runGenericChecks } from '../../../../../src/engine/lint/generic/run-generic-checks';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

function reportedLines(check: GenericCheck, lines: string[]): number[] {
  return runGenericChecks(TemplateModel.parse('t.yaml', lines.join('\n')), [check]).findings.map((f) => f.range.start.line + 1);
}

// Cases from cfn-lint's rule documentation (E3693: Aurora DB cluster configuration; E3003: required
// properties) and from public templates: the AWS reference architecture for Moodle's cluster, whose
// engine is an !If of two Aurora engines, and AWS's Cloud9 sample without ImageId.
describe('lint/generic resource settings checks (cfn-lint ids, cases from its rule docs and public templates)', () => {
  const cluster = (name: string, props: string[]): string[] => [`  ${name}:`, '    Type: AWS::RDS::DBCluster', '    Properties:', ...props.map((p) => `      ${p}`)];

  it('E3693: Multi-AZ cluster settings and a non-Aurora storage type on an Aurora cluster, each on its property', () => {
    const lines = [
      'Resources:',
      ...cluster('Refarch', ['Engine: !If [Pg, aurora-postgresql, aurora-mysql]', 'PubliclyAccessible: false', 'StorageType: aurora']), // 6
      ...cluster('Provisioned', ['Engine: aurora-mysql', 'AllocatedStorage: 100', 'DBClusterInstanceClass: db.r6gd.large', 'Iops: 1000', 'StorageType: io1']), // 12-15
      ...cluster('MultiAz', ['Engine: mysql', 'PubliclyAccessible: false', 'AllocatedStorage: 100', 'StorageType: io1']),
      ...cluster('Either', ['Engine: !If [Pg, aurora-postgresql, postgres]', 'PubliclyAccessible: false']), // not Aurora on every branch
      ...cluster('Unknown', ['Engine: !Ref Engine', 'PubliclyAccessible: false']),
      ...cluster('NoEngine', ['PubliclyAccessible: false']),
    ];
    assert.deepEqual(reportedLines(auroraCluster, lines), [6, 12, 13, 14, 15]);
  });

  it('E3003: a Cloud9 environment without ImageId, on its Properties (or the resource without any); Properties as a function are not judged', () => {
    const lines = [
      'Resources:',
      '  Ide:', '    Type: AWS::Cloud9::EnvironmentEC2', '    Properties:', '      InstanceType: t3.small', // 4
      '  Ok:', '    Type: AWS::Cloud9::EnvironmentEC2', '    Properties: {InstanceType: t3.small, ImageId: amazonlinux-2023-x86_64}',
      '  Bare:', '    Type: AWS::Cloud9::EnvironmentEC2', // 9
      '  Chosen:', '    Type: AWS::Cloud9::EnvironmentEC2', '    Properties: !If [C, {InstanceType: t3.small}, {InstanceType: t3.large}]',
      '  Topic:', '    Type: AWS::SNS::Topic', '    Properties: {}',
    ];
    assert.deepEqual(reportedLines(requiredProperties, lines), [4, 9]);
  });
});
