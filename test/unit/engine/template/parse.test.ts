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

  it('reports a duplicate key at every occurrence, the first one included (as cfn-lint does)', () => {
    const m = TemplateModel.parse('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SNS::Topic\n');
    const lines = m.problems.filter((p) => p.code === 'duplicate-key').map((p) => p.range.start.line);
    assert.deepEqual(lines, [1, 3]);
    assert.match(m.problems[0].message, /'A'/);
  });

  it('reads non-string keys as the strings CloudFormation makes of them, keeping their positions', () => {
    const m = TemplateModel.parse('t.yaml', 'Mappings:\n  Az:\n    1:\n      Name: a\n    true:\n      Name: b\n    null:\n      Name: c\n');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(m.section('Mappings')?.entries[0].value.kind === 'map' && (m.section('Mappings')!.entries[0].value as { entries: Array<{ key: string }> }).entries.map((e) => e.key), ['1', 'true', 'null']);
    assert.deepEqual(m.rangeOf(['Mappings', 'Az', '1'], true).start, { line: 2, character: 4 });
  });

  it('reports nested complex keys once, quickly, with a bounded slice of their source (HIGH-3)', () => {
    // 28 levels took 5 s and 750 MB when the key was rendered as a string; each level doubled it.
    const text = '? '.repeat(28) + 'x\n' + Array.from({ length: 28 }, (_, i) => `${' '.repeat((27 - i) * 2)}: v\n`).join('');
    const m = TemplateModel.parse('keys.yaml', text.repeat(1));
    const complex = m.problems.filter((p) => p.code === 'complex-key');
    assert.equal(complex.length, 1);
    assert.match(complex[0].message, /Complex keys are not allowed in CloudFormation/);
    assert.ok(complex[0].message.length < 200, 'the quoted key is bounded');
  });

  it('reads a quoted scalar whose continuation line is not indented, as PyYAML does, keeping line numbers', () => {
    const text = [
      'Outputs:',
      '  Help:',
      "    Value: 'Log in to the console, select",
      "    your instance, click \"actions\".'",
      '  Next:',
      '    Value: !Ref AWS::Region',
    ].join('\n');
    const m = TemplateModel.parse('t.yaml', text);
    assert.deepEqual(m.problems, []);
    assert.equal(toPlain(m.get(['Outputs', 'Help', 'Value'])), 'Log in to the console, select your instance, click "actions".');
    assert.equal(m.rangeOf(['Outputs', 'Next'], true).start.line, 4);
  });

  it('refuses a template over 1,000,000 bytes counted in UTF-8, not in characters', () => {
    const multibyte = 'Description: "' + 'é'.repeat(500_001) + '"\n';
    assert.ok(multibyte.length < 1_000_000);
    assert.equal(TemplateModel.parse('big.yaml', multibyte).problems[0]?.code, 'too-large');
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

  it('refuses an alias with no anchor before it, as PyYAML (CloudFormation, cfn-lint) does; the YAML library had read it as null', () => {
    const undefinedAlias = TemplateModel.parse('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: *nope\n');
    assert.deepEqual(undefinedAlias.problems.map((p) => [p.code, p.range.start.line, p.range.start.character]), [['syntax', 4, 18]]);
    assert.match(undefinedAlias.problems[0].message, /Undefined YAML alias '\*nope': no anchor '&nope' comes before it/);
    const forward = TemplateModel.parse('t.yaml', 'A: *later\nB: &later x\n');
    assert.match(forward.problems[0]?.message ?? '', /Undefined YAML alias '\*later'/, 'an anchor after its alias does not count');
    const fine = TemplateModel.parse('t.yaml', 'A: &name x\nB: *name\n');
    assert.deepEqual(fine.problems, []);
    assert.deepEqual(toPlain(fine.root!), { A: 'x', B: 'x' });
  });

  it('names an alias inside its own anchor\'s value as a value that contains itself, not as deep nesting', () => {
    const m = TemplateModel.parse('t.yaml', 'a: &x [*x]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0].message, /alias '\*x' is inside the value its anchor '&x' names/);
    assert.equal(m.problems[0].range.start.line, 0);
  });

  it('refuses a JSON template with // or /* comments, at the comment, instead of reading it as YAML keys', () => {
    for (const [text, line] of [
      ['{\n  // the bucket\n  "Resources": {"B": {"Type": "AWS::S3::Bucket"}}\n}\n', 1],
      ['// a header\n{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}\n', 0],
      ['{"Resources": {"B": {"Type": "AWS::S3::Bucket"} /* kept */ }}\n', 0],
    ] as const) {
      const m = TemplateModel.parse('t.json', text);
      assert.equal(m.problems.length, 1, text);
      assert.match(m.problems[0].message, /JSON has no comments/);
      assert.equal(m.problems[0].range.start.line, line);
      assert.ok(m.isCloudFormation, 'still a template, so the error is reported rather than the file skipped');
    }
    const inString = TemplateModel.parse('t.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"WebsiteConfiguration": {"RedirectAllRequestsTo": {"HostName": "https://x.org//a"}}}}}}\n');
    assert.deepEqual(inString.problems, [], '// inside a string is text');
  });

  it('says in its own words what two library messages meant: a second YAML document, and nesting that exhausted the stack', () => {
    const twoDocs = TemplateModel.parse('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n---\nResources: {}\n');
    assert.equal(twoDocs.problems.length, 1);
    assert.match(twoDocs.problems[0].message, /A template is one YAML document, and another one starts here/);
    assert.doesNotMatch(twoDocs.problems[0].message, /parseAllDocuments/);
    const compact = TemplateModel.parse('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        ' + '- '.repeat(3000) + 'x\n');
    assert.deepEqual(compact.problems.map((p) => p.code), ['too-deep'], 'reported once');
    assert.doesNotMatch(compact.problems[0].message, /call stack/);
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
