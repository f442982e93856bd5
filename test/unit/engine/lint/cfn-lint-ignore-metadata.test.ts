import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/engine/lint/finding';
import { withoutIgnored } from '../../../../src/engine/lint/ignore-metadata';
import { TemplateModel } from '../../../../src/engine/template/template-model';

// Shape from awslabs/aws-cloudformation-templates (MacrosExamples/ExpandVPCEndpoint/example.yaml):
// the resource tells cfn-lint to ignore E3002 because a macro adds the property.
const text = [
  'Metadata:', '  cfn-lint: {config: {ignore_checks: [W3005]}}',
  'Resources:',
  '  Endpoint:',
  '    Metadata:',
  '      cfn-lint:',
  '        config:',
  '          ignore_checks: [E3002, E30]',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      ExpandServiceCodes: "ssm,ec2"',
  '  Other:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      ExpandServiceCodes: "ssm,ec2"',
].join('\n');

describe("lint: cfn-lint's Metadata ignore_checks is honoured for generic findings", () => {
  const model = TemplateModel.parse('t.yaml', text);
  const at = (ruleId: string, line: number, source: Finding['source'] = 'CloudFormation'): Finding => ({ ruleId, severity: 'error', message: 'x', source, range: model.lines.lineRange(line - 1) });

  it("drops the resource's ignored rules (the validator's F-id as cfn-lint's E-id, prefixes too) on that resource only", () => {
    const kept = withoutIgnored(model, [at('F3002', 11), at('E3003', 10), at('E3002', 15), at('E1001', 11)], []);
    assert.deepEqual(kept.map((f) => `${f.ruleId}@${f.range.start.line + 1}`), ['E3002@15', 'E1001@11']);
  });

  it('drops template-wide ignored rules everywhere, but never a Moodle-HA finding', () => {
    const kept = withoutIgnored(model, [at('W3005', 15), at('W3005', 3, 'Moodle HA')], []);
    assert.deepEqual(kept.map((f) => f.source), ['Moodle HA']);
  });
});
