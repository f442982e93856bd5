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

  // The shapes below are from public templates, each decided with cfn-lint 1.51 (no error there):
  // awslabs VPCPeering-Accepter-Tag (Version: 1.0), eijikominami euc/appstream.yaml (fleets under
  // exclusive conditions), web-servers/templates/autoscaling.yaml (SubnetMappings of three
  // parameters), security/securityhub.yaml (Regions !If of an empty-default list), sam-app/ecs.yaml
  // (a custom resource handed an ECS task definition).
  const errors = (r: { findings: Array<{ ruleId: string; severity: string }> }, rule: RegExp) => r.findings.filter((f) => f.severity === 'error' && rule.test(f.ruleId)).map((f) => f.ruleId);

  it('accepts Version: 1.0 on a custom resource, and still reports Version on a resource that is not one', async () => {
    const custom = await lintTemplate('v.yaml', 'Resources:\n  Tag:\n    Version: 1.0\n    Type: Custom::Tagger\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:x\n', { validator: pool });
    assert.deepEqual(errors(custom, /E3001/), []);
    const plain = await lintTemplate('w.yaml', 'Resources:\n  Topic:\n    Version: 1.0\n    Type: AWS::SNS::Topic\n', { validator: pool });
    assert.ok(errors(plain, /E3001/).length > 0, 'Version on an AWS resource stays an error');
  });

  it('accepts the same name on two resources whose conditions exclude each other, not on two that can both exist', async () => {
    const fleets = (second: string) => [
      'Parameters:', '  Name: {Type: String}', '  Dir: {Type: String, Default: ""}',
      'Conditions:', '  WithDir: !Not [!Equals [!Ref Dir, ""]]', `  WithoutDir: ${second}`,
      'Resources:',
      ...['WithDir', 'WithoutDir'].flatMap((c) => [`  Bucket${c}:`, '    Type: AWS::S3::Bucket', `    Condition: ${c}`, '    Properties:', '      BucketName: !Ref Name']),
    ].join('\n') + '\n';
    const exclusive = await lintTemplate('x.yaml', fleets('!Not [!Not [!Equals [!Ref Dir, ""]]]'), { validator: pool });
    assert.deepEqual(errors(exclusive, /3019/), []);
    const overlapping = await lintTemplate('y.yaml', fleets('!Equals [!Ref Name, x]'), { validator: pool });
    assert.ok(errors(overlapping, /3019/).length > 0, 'both can exist: the duplicate name stays an error');
  });

  it('accepts list items that are Refs to different parameters, though their defaults are the same', async () => {
    const text = endpoint(['!Ref SubnetA', '!Ref SubnetB']).replace('SubnetA: {Type: String}', 'SubnetA: {Type: String, Default: ""}').replace('SubnetB: {Type: String}', 'SubnetB: {Type: String, Default: ""}');
    const result = await lintTemplate('d.yaml', text, { validator: pool });
    assert.deepEqual(errors(result, /F3037/), []);
  });

});

