import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/engine/lint/finding';
import { atExclusiveProperties } from '../../../../src/engine/lint/validator/exclusive-groups';
import { TemplateModel } from '../../../../src/engine/template/template-model';

// The validator's F3014 as it reports it (once, at the object); cfn-lint's E3014 (its rule docs:
// only one of a set of properties) is on each property given, or at the object when none is.
describe('lint/validator exclusive property groups (F3014 → cfn-lint E3014, where cfn-lint reports it)', () => {
  const lines = [
    'Resources:',
    '  Record:', '    Type: AWS::Route53::RecordSet',
    '    Properties:', // 4
    '      HostedZoneId: Z0123456789ABCDEFGHIJ', // 5
    '      Name: www.example.com.',
    '      HostedZoneName: example.com.', // 7
    '  Nowhere:', '    Type: AWS::Route53::RecordSet', '    Properties:', '      Name: api.example.com.', // 10
    '  Rules:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      SecurityGroupIngress:',
    '        - IpProtocol: tcp', '          CidrIp: 10.0.0.0/8', '          SourceSecurityGroupId: sg-0123456789abcdef0', // 16-18
  ];
  const model = TemplateModel.parse('t.yaml', lines.join('\n'));
  const f3014 = (line: number, character: number, group: string): Finding => ({
    ruleId: 'F3014', severity: 'error', source: 'CloudFormation', origin: 'validator',
    message: `Exactly one of [${group}] must be specified`, range: { start: { line: line - 1, character }, end: { line: line - 1, character } },
  });

  it('two of a group given: one E3014 on each; none given: one E3014 at the object; other findings untouched', () => {
    const other: Finding = { ruleId: 'W3045', severity: 'warning', source: 'CloudFormation', origin: 'validator', message: 'x', range: model.lines.lineRange(4) };
    const out = atExclusiveProperties(model, [
      f3014(4, 4, "'HostedZoneId', 'HostedZoneName'"),
      f3014(10, 4, "'HostedZoneId', 'HostedZoneName'"),
      f3014(16, 10, "'CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName'"),
      other,
    ]);
    assert.deepEqual(out.map((f) => `${f.ruleId}:${f.range.start.line + 1}`), ['E3014:5', 'E3014:7', 'E3014:10', 'E3014:17', 'E3014:18', 'W3045:5']);
    assert.match(out[0].message, /Only one of \['HostedZoneId', 'HostedZoneName'\] may be given/);
  });

  it('a finding whose object has one of the group, or that is not the validator\'s, stays as it was', () => {
    const one = TemplateModel.parse('t.yaml', ['Resources:', '  R:', '    Type: AWS::Route53::RecordSet', '    Properties:', '      HostedZoneId: Z1'].join('\n'));
    const ours = { ...f3014(4, 4, "'HostedZoneId', 'HostedZoneName'"), origin: 'generic' as const };
    assert.deepEqual(atExclusiveProperties(one, [f3014(4, 4, "'HostedZoneId', 'HostedZoneName'"), ours]).map((f) => f.ruleId), ['F3014', 'F3014']);
  });
});
