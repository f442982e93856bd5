import * as assert from 'node:assert/strict';
import { at, intrinsicName, toPlain } from '../../../../src/engine/template/nodes';
import { TemplateModel } from '../../../../src/engine/template/template-model';

describe('template/parse', () => {
  it('turns every short-form tag into its long form, keeping ranges', () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub "${AWS::StackName}-x"',
      '      X: !GetAtt B.Arn.Sub',
      '      Y: !If [C, !Ref P, !Ref "AWS::NoValue"]',
      '      Z: !Select [0, !GetAZs ""]',
      '      W: !Base64 { "Fn::Join": ["", [a, b]] }',
    ].join('\n');
    const m = TemplateModel.parse('t.yaml', text);
    assert.deepEqual(m.problems, []);
    const props = ['Resources', 'A', 'Properties'];
    assert.equal(intrinsicName(m.get([...props, 'BucketName'])), 'Fn::Sub');
    assert.deepEqual(toPlain(m.get([...props, 'X'])), { 'Fn::GetAtt': ['B', 'Arn.Sub'] });
    assert.deepEqual(toPlain(m.get([...props, 'Y'])), { 'Fn::If': ['C', { Ref: 'P' }, { Ref: 'AWS::NoValue' }] });
    assert.deepEqual(toPlain(m.get([...props, 'Z'])), { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    assert.deepEqual(toPlain(m.get([...props, 'W'])), { 'Fn::Base64': { 'Fn::Join': ['', ['a', 'b']] } });
    const range = m.rangeOf([...props, 'BucketName'], true);
    assert.deepEqual(range, { start: { line: 4, character: 6 }, end: { line: 4, character: 16 } });
  });

  it('reads JSON with positions', () => {
    const m = TemplateModel.parse('t.json', '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket"}\n  }\n}\n');
    assert.equal(m.isCloudFormation, true);
    assert.equal(m.resources()[0].logicalId, 'B');
    assert.equal(m.resources()[0].keyRange.start.line, 3);
  });

  it('reports duplicate keys where the second one is', () => {
    const m = TemplateModel.parse('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SNS::Topic\n');
    const dup = m.problems.find((p) => p.code === 'duplicate-key');
    assert.ok(dup, 'a duplicate-key problem');
    assert.equal(dup.range.start.line, 3);
  });

  it('reports tabs and syntax errors as problems, not exceptions', () => {
    const m = TemplateModel.parse('t.yaml', 'Resources:\n\tA: 1\n');
    assert.ok(m.problems.length > 0);
    assert.equal(m.problems[0].range.start.line, 1);
  });

  it('reports a non-mapping root', () => {
    const m = TemplateModel.parse('t.yaml', '- a\n- b\n');
    assert.equal(m.problems[0].code, 'not-a-mapping');
  });

  it('caps alias expansion (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const started = Date.now();
    const m = TemplateModel.parse('bomb.yaml', lines.join('\n'));
    assert.ok(Date.now() - started < 2000);
    assert.ok(m.problems.some((p) => p.code === 'alias-budget'));
  });

  it('caps nesting depth', () => {
    const deep = 'a: ' + '['.repeat(1000) + ']'.repeat(1000);
    const m = TemplateModel.parse('deep.yaml', deep);
    assert.ok(m.problems.some((p) => p.code === 'too-deep'));
  });

  it('detects CloudFormation by content', () => {
    assert.equal(TemplateModel.parse('x.yaml', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n').isCloudFormation, true);
    assert.equal(TemplateModel.parse('x.yaml', 'name: ci\non: push\n').isCloudFormation, false);
    assert.equal(at(TemplateModel.parse('x.yaml', 'a: 1').root, ['a'])?.kind, 'scalar');
  });
});
