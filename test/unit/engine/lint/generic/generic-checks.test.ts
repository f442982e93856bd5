import * as assert from 'node:assert/strict';
import { conditionNames } from '../../../../../src/engine/lint/generic/condition-names';
import type { GenericCheck } from '../../../../../src/engine/lint/generic/generic-check';
import { getAzsArgument } from '../../../../../src/engine/lint/generic/get-azs-argument';
import { getAttTargets } from '../../../../../src/engine/lint/generic/getatt-targets';
import { refTargets } from '../../../../../src/engine/lint/generic/ref-targets';
import { runGenericChecks } from '../../../../../src/engine/lint/generic/run-generic-checks';
import { subTargets } from '../../../../../src/engine/lint/generic/sub-targets';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

/** Lines (1-based) the check reports on. */
function reportedLines(check: GenericCheck, text: string): number[] {
  return runGenericChecks(TemplateModel.parse('t.yaml', text), [check]).findings.map((f) => f.range.start.line + 1);
}

const base = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  Env:',
  '    Type: String',
  'Conditions:',
  '  IsProd: !Equals [!Ref Env, prod]',
  'Resources:',
  '  Bucket:',
  '    Type: AWS::S3::Bucket',
];

// Cases written from cfn-lint's rule documentation (E1010, E1015, E1019, E1020, E8001) and from
// shapes seen in public templates (aws-cloudformation-templates: GetAZs null in JSON, Rain modules
// with GetAtt to a module's own resource, AWS refarch Moodle's hyphenated condition name).
describe('lint/generic checks (cfn-lint ids, cases from its rule docs and public templates)', () => {
  it('E1010: GetAtt to a resource that does not exist, in Resources and Outputs, nested in other functions', () => {
    const text = [...base,
      '    Properties:',
      '      BucketName: !Join ["-", [!GetAtt Missing.Arn, x]]',
      '      Tags: [{Key: a, Value: !GetAtt Bucket.Arn}]',
      'Outputs:',
      '  Out:',
      '    Value: !GetAtt [Env, Arn]',
    ].join('\n');
    assert.deepEqual(reportedLines(getAttTargets, text), [11, 15]);
    assert.match(runGenericChecks(TemplateModel.parse('t.yaml', text), [getAttTargets]).findings[1].message, /is a parameter/);
  });

  it('E1020: Ref to an unknown name, in Conditions too; parameters, resources and pseudo parameters are fine', () => {
    const text = [...base.slice(0, 5), '  IsProd: !Equals [!Ref Envv, prod]', ...base.slice(6),
      '    Properties:',
      '      BucketName: !If [IsProd, !Ref Bucket, !Ref "AWS::NoValue"]',
      'Outputs:',
      '  Region:',
      '    Value: !Ref AWS::Region',
      '  Bad:',
      '    Value: {"Ref": "Buckett"}',
    ].join('\n');
    assert.deepEqual(reportedLines(refTargets, text), [6, 16]);
  });

  it('E1020: an unknown name used many times in one condition is reported once (aws-refarch-moodle 03-pipelinehelper.yaml)', () => {
    const text = [...base.slice(0, 5), '  IsArm: !Or', '    - !Equals [t4, !Ref WebInstanceType]', '    - !Equals [c6, !Ref WebInstanceType]', ...base.slice(6)].join('\n');
    assert.deepEqual(reportedLines(refTargets, text), [7]);
  });

  it('E1019: Sub variables must be known; ${!Literal} and the Sub\'s own variables are fine', () => {
    const text = [...base,
      '    Properties:',
      '      BucketName: !Sub "${Env}-${AWS::Region}-${!NotAVar}-${Bucket.Arn}"',
      'Outputs:',
      '  A:',
      '    Value: !Sub ["${Own}-${Unknown}", {Own: x}]',
      '  B:',
      '    Value: !Sub "${Env.Attr}"',
    ].join('\n');
    assert.deepEqual(reportedLines(subTargets, text), [14, 16]);
  });

  it('E1015: GetAZs takes a region or a Ref, not null', () => {
    const text = [...base,
      '    Properties:',
      '      BucketName: !Select [0, !GetAZs ""]',
      'Outputs:',
      '  A:',
      '    Value: !Select [0, {"Fn::GetAZs": null}]',
      '  B:',
      '    Value: !Select [0, !GetAZs {Ref: "AWS::Region"}]',
    ].join('\n');
    assert.deepEqual(reportedLines(getAzsArgument, text), [14]);
  });

  it('E8001: condition names are letters, digits, & and _', () => {
    const text = [...base.slice(0, 5), '  UseAWS-ManagedCMK: !Equals [!Ref Env, ""]', '  Fine_1: !Equals [a, b]', ...base.slice(6)].join('\n');
    assert.deepEqual(reportedLines(conditionNames, text), [6]);
  });

  it('leaves templates with a Transform to it (a macro or SAM makes names the text does not show)', () => {
    const text = ['Transform: AWS::Serverless-2016-10-31', ...base, '    Properties:', '      BucketName: !Ref FunctionRole'].join('\n');
    assert.deepEqual(reportedLines(refTargets, text), []);
  });

  it('turns a check that throws into a finding and runs the others', () => {
    const broken: GenericCheck = { id: 'E9999', severity: 'error', description: 'throws', check() { throw new Error('boom'); } };
    const result = runGenericChecks(TemplateModel.parse('t.yaml', [...base, '    Properties:', '      BucketName: !Ref Nope'].join('\n')), [broken, refTargets]);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['E9999', 'E1020']);
    assert.match(result.findings[0].message, /boom/);
  });
});
