import * as assert from 'node:assert/strict';
import { base64Argument } from '../../../../../src/engine/lint/generic/base64-argument';
import { dependsOnConditions } from '../../../../../src/engine/lint/generic/depends-on-conditions';
import type { GenericCheck } from '../../../../../src/engine/lint/generic/generic-check';
import { initFileMode } from '../../../../../src/engine/lint/generic/init-file-mode';
import { kmsKeyFormat } from '../../../../../src/engine/lint/generic/kms-key-format';
import { runGenericChecks, withoutValidatorRepeats } from '../../../../../src/engine/lint/generic/run-generic-checks';
import { serverlessTransform } from '../../../../../src/engine/lint/generic/serverless-transform';
import { albSubnets } from '../../../../../src/engine/lint/generic/alb-subnets';
import { listenerCertificates } from '../../../../../src/engine/lint/generic/listener-certificates';
import { resourceAttributes } from '../../../../../src/engine/lint/generic/resource-attributes';
import type { Finding } from '../../../../../src/engine/lint/finding';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

function reportedLines(check: GenericCheck, lines: string[]): number[] {
  return runGenericChecks(TemplateModel.parse('t.yaml', lines.join('\n')), [check]).findings.map((f) => f.range.start.line + 1);
}

// Cases written from cfn-lint's rule documentation (E1021, E3005, E3009, E3017, E3038) and from
// shapes seen in public templates: codestar python-webservice-lambda (DependsOn a conditional
// CodeBuild project), JFrog Quick Start (cfn-init mode "0400"), Rain samples (!Rain::Embed inside
// Base64/Sub), the Directory Service settings solution (KmsMasterKeyId 'aws/sns'), eijikominami's
// security-agent (AWS::Serverless::Application without the transform).
describe('lint/generic resource checks (cfn-lint ids, cases from its rule docs and public templates)', () => {
  it('E3005: DependsOn a conditional resource is an error unless the dependent has that condition or an And including it', () => {
    const lines = [
      'Parameters:', '  Env: {Type: String}',
      'Conditions:', '  IsProd: !Equals [!Ref Env, prod]', '  IsProdEu: !And [{Condition: IsProd}, !Equals [!Ref "AWS::Region", eu-west-1]]',
      'Resources:',
      '  Project:', '    Type: AWS::CodeBuild::Project', '    Condition: IsProd',
      '  Pipeline:', '    Type: AWS::CodePipeline::Pipeline', '    DependsOn:', '      - Other', '      - Project',
      '  Same:', '    Type: AWS::SNS::Topic', '    Condition: IsProd', '    DependsOn: Project',
      '  Implied:', '    Type: AWS::SNS::Topic', '    Condition: IsProdEu', '    DependsOn: [Project]',
      '  Other:', '    Type: AWS::SNS::Topic',
    ];
    assert.deepEqual(reportedLines(dependsOnConditions, lines), [14]);
    // Implication by what the conditions say, not their names (JFrog Quick Start, AWS refarch Moodle 00-main.yaml).
    const logic = [
      'Parameters:', '  Env: {Type: String}', '  N: {Type: String}',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  ProdWithMore: !And [!Equals [!Ref Env, prod], !Not [!Equals [!Ref N, "0"]]]',
      '  ProdOrDev: !Or [!Equals [!Ref Env, prod], !Equals [!Ref Env, dev]]',
      '  IsDev: !Equals [!Ref Env, dev]',
      'Resources:',
      '  Project:', '    Type: AWS::CodeBuild::Project', '    Condition: ProdOrDev',
      '  Narrower:', '    Type: AWS::SNS::Topic', '    Condition: ProdWithMore', '    DependsOn: Project',
      '  Dev:', '    Type: AWS::SNS::Topic', '    Condition: IsDev', '    DependsOn: Project',
      '  Prod:', '    Type: AWS::CodeBuild::Project', '    Condition: IsProd',
      '  Wider:', '    Type: AWS::SNS::Topic', '    Condition: ProdOrDev', '    DependsOn: Prod',
    ];
    assert.deepEqual(reportedLines(dependsOnConditions, logic), [27]);
  });

  it('E3038: an AWS::Serverless type without the SAM transform, reported on its Type', () => {
    const app = ['Resources:', '  App:', '    Type: AWS::Serverless::Application', '    Properties: {Location: x}'];
    assert.deepEqual(reportedLines(serverlessTransform, app), [3]);
    assert.deepEqual(reportedLines(serverlessTransform, ['Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]', ...app]), []);
  });

  it('E3009: a cfn-init file mode must be six octal digits', () => {
    const lines = [
      'Resources:', '  Host:', '    Type: AWS::EC2::Instance', '    Metadata:', '      AWS::CloudFormation::Init:',
      '        configSets: {default: [one]}', '        one:', '          files:',
      '            /etc/a: {content: x, mode: "0400"}', '            /etc/b: {content: x, mode: "000644"}', '            /etc/c: {content: x, mode: "00064x"}',
    ];
    assert.deepEqual(reportedLines(initFileMode, lines), [9, 11]);
  });

  it('E1021: Base64 takes a string or a function; a Sub in it takes a string or [string, map]; a Rain directive is neither', () => {
    const lines = [
      'Resources:', '  Host:', '    Type: AWS::EC2::Instance', '    Properties:',
      '      UserData: !Base64', '        Fn::Sub: !Rain::Embed boot.sh',
      '  Two:', '    Type: AWS::EC2::Instance', '    Properties:', '      UserData: {"Fn::Base64": {"Rain::Embed": boot.sh}}',
      '  Fine:', '    Type: AWS::EC2::Instance', '    Properties:',
      '      UserData: !Base64 {"Fn::Sub": ["echo ${X}", {X: !Ref "AWS::Region"}]}',
      '  AlsoFine:', '    Type: AWS::EC2::Instance', '    Properties:', '      UserData: !Base64 {"Fn::Join": ["", [a, b]]}',
    ];
    assert.deepEqual(reportedLines(base64Argument, lines), [6, 10]);
  });

  it("E3017: a KMS key property holds a key id, ARN or alias; 'aws/sns' in an !If branch is reported with the fix", () => {
    const lines = [
      'Parameters:', '  Key: {Type: String}', 'Conditions:', '  HasKey: !Not [!Equals [!Ref Key, ""]]',
      'Resources:',
      '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', '      KmsMasterKeyId: !If', '        - HasKey', '        - !Ref Key', '        - aws/sns',
      '  Queue:', '    Type: AWS::SQS::Queue', '    Properties:', '      KmsMasterKeyId: alias/aws/sqs',
      '  Other:', '    Type: AWS::SQS::Queue', '    Properties:', '      KmsMasterKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab',
    ];
    assert.deepEqual(reportedLines(kmsKeyFormat, lines), [12]);
    assert.match(runGenericChecks(TemplateModel.parse('t.yaml', lines.join('\n')), [kmsKeyFormat]).findings[0].message, /alias\/aws\/sns/);
  });

  it("folds the validator's E3005/E3038 on the resource line into ours on the DependsOn item and the Type", () => {
    const model = TemplateModel.parse('t.yaml', ['Resources:', '  App:', '    Type: AWS::Serverless::Application', '    Properties: {Location: x}'].join('\n'));
    const generic = runGenericChecks(model, [serverlessTransform]);
    const validator = (ruleId: string, message: string): Finding => ({ ruleId, message, severity: 'error', source: 'CloudFormation', origin: 'validator', range: model.lines.lineRange(1) });
    const kept = withoutValidatorRepeats([
      validator('E3038', "Resource type 'AWS::Serverless::Application' requires the AWS::Serverless-2016-10-31 transform"),
      validator('E3005', "'Other' will not exist when condition 'C' is False"),
    ], generic);
    assert.deepEqual(kept.map((f) => f.ruleId), ['E3005']);
  });

  // From awslabs AutomateCreatingHanaBackupBucket (Description on a KMS key), eijikominami
  // sam-app/ecs.yaml (HTTPS listener whose Certificates is an !If with AWS::NoValue), AWS refarch
  // Moodle 03-publicalb.yaml (Subnets !If with a one-subnet branch).
  it('E3001: a resource holds only its attributes; a Description beside Type is reported on its key', () => {
    const lines = ['Resources:', '  Key:', '    Type: AWS::KMS::Key', '    Description: the key', '    DeletionPolicy: Retain', '    Properties: {}'];
    assert.deepEqual(reportedLines(resourceAttributes, lines), [4]);
  });

  it('E3676: an HTTPS listener needs Certificates on every branch; HTTP does not', () => {
    const listener = (protocol: string, certificates: string[]) => ['Parameters:', '  Cert: {Type: String}', 'Conditions:', '  HasCert: !Not [!Equals [!Ref Cert, ""]]', 'Resources:',
      '  L:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', `      Protocol: ${protocol}`, '      Port: 443', ...certificates];
    assert.deepEqual(reportedLines(listenerCertificates, listener('HTTPS', ['      Certificates: !If [HasCert, [{CertificateArn: !Ref Cert}], !Ref AWS::NoValue]'])), [11]);
    assert.deepEqual(reportedLines(listenerCertificates, listener('HTTPS', [])), [6]);
    assert.deepEqual(reportedLines(listenerCertificates, listener('HTTPS', ['      Certificates: [{CertificateArn: !Ref Cert}]'])), []);
    assert.deepEqual(reportedLines(listenerCertificates, listener('HTTP', [])), []);
  });

  it('E3680: an application load balancer with one subnet on a branch; network load balancers and Refs are left alone', () => {
    const lb = (extra: string, subnets: string) => ['Parameters:', '  Subnet: {Type: "List<AWS::EC2::Subnet::Id>"}', '  N: {Type: String}', 'Conditions:', '  One: !Equals [!Ref N, "1"]', 'Resources:',
      '  Lb:', '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '    Properties:', ...(extra ? [extra] : []), `      Subnets: ${subnets}`];
    assert.deepEqual(reportedLines(albSubnets, lb('', '!If [One, [!Select [0, !Ref Subnet]], !Ref Subnet]')), [10]);
    assert.deepEqual(reportedLines(albSubnets, lb('      Type: network', '[!Select [0, !Ref Subnet]]')), []);
    assert.deepEqual(reportedLines(albSubnets, lb('', '!Ref Subnet')), []);
  });
});

