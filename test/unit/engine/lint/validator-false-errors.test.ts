import * as assert from 'node:assert/strict';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { ValidatorPool } from '../../../../src/engine/lint/validator/validator-pool';

const endpoint = (subnets: string[]) => [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  SubnetA: {Type: String}',
  '  SubnetB: {Type: String}',
  '  Vpc: {Type: String}',
  'Conditions:',
  '  UseA: !Equals [!Ref SubnetA, ""]',
  'Resources:',
  '  Endpoint:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      VpcEndpointType: Interface',
  '      ServiceName: !Sub com.amazonaws.${AWS::Region}.mgn',
  '      SubnetIds:',
  ...subnets.map((s) => `        - ${s}`),
].join('\n') + '\n';

// Shapes from eijikominami/aws-cloudformation-templates (migration/templates/mgn.yaml) and
// aws-cloudformation-templates (MacrosExamples/DateFunctions), decided with cfn-lint: no error.
describe("lint: AWS validator's false errors dropped in their exact shape (AWS validator in a worker)", function () {
  this.timeout(60_000);
  let pool: ValidatorPool;
  before(async () => { pool = new ValidatorPool({ size: 1 }); await pool.warmUp(); });
  after(() => pool.dispose());

  it('does not count list items under Fn::If as duplicates, but still reports real duplicates', async () => {
    const conditional = await lintTemplate('a.yaml', endpoint(['!If [UseA, !Ref SubnetA, !Ref SubnetB]', '!If [UseA, !Ref SubnetA, !Ref SubnetB]']), { validator: pool });
    assert.deepEqual(conditional.findings.filter((f) => f.ruleId === 'F3037'), []);
    const plain = await lintTemplate('b.yaml', endpoint(['subnet-0abc', 'subnet-0abc']), { validator: pool });
    assert.ok(plain.findings.some((f) => f.ruleId === 'F3037' && f.severity === 'error'), 'a literal duplicate stays an error');
  });

  it('accepts Fn::Transform given a list of transforms', async () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  Now:\n    Value:\n      Fn::Transform:\n        - Name: Date\n          Parameters:\n            Operation: Current\n';
    const result = await lintTemplate('t.yaml', text, { validator: pool });
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'F1101'), []);
  });

  it('drops the validator\'s YAML parse error on text PyYAML reads (an unindented quoted continuation)', async () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  Help:\n    Value: 'Log in to the console, select\n    your instance.'\n";
    const result = await lintTemplate('q.yaml', text, { validator: pool });
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId), []);
  });
});
