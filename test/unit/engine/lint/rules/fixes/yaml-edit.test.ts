import * as assert from 'node:assert/strict';
import { appendToList, applyEdits, block, insertKey, insertKeys, setKey, setProperty } from '../../../../../../src/engine/lint/rules/fixes/yaml-edit';
import { TemplateModel } from '../../../../../../src/engine/template/template-model';
import { yaml } from '../lint-text';

function edit(text: string, f: (m: TemplateModel) => ReturnType<typeof insertKey>): string | undefined {
  const model = TemplateModel.parse('t.yaml', text);
  const e = f(model);
  return e ? applyEdits(model, [e]) : undefined;
}

describe('lint/rules/fixes/yaml-edit', () => {
  it('inserts a key before the first key of a block mapping, at its indentation', () => {
    const text = yaml('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: mysql');
    assert.equal(edit(text, (m) => insertKey(m, ['Resources', 'Db', 'Properties'], 'MultiAZ', 'true')),
      yaml('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      MultiAZ: true', '      Engine: mysql'));
  });

  it('inserts a nested block and several keys in one edit', () => {
    const text = yaml('Resources:', '  Fs:', '    Type: AWS::EFS::FileSystem');
    assert.equal(edit(text, (m) => insertKeys(m, ['Resources', 'Fs'], [['DeletionPolicy', 'Retain'], ['Metadata', block('a: 1', 'b:', '  c: 2')]])),
      yaml('Resources:', '  Fs:', '    DeletionPolicy: Retain', '    Metadata:', '      a: 1', '      b:', '        c: 2', '    Type: AWS::EFS::FileSystem'));
  });

  it('inserts after the last key when the mapping is a list item (`- Key: x`)', () => {
    const text = yaml('Items:', '  - Name: a', '    Value: 1', 'Next: 2');
    assert.equal(edit(text, (m) => insertKey(m, ['Items', 0], 'Extra', 'yes')), yaml('Items:', '  - Name: a', '    Value: 1', '    Extra: yes', 'Next: 2'));
  });

  it('inserts at the end of a file without a final newline', () => {
    const text = 'Items:\n  - Name: a\n    Value: 1';
    const out = edit(text, (m) => insertKey(m, ['Items', 0], 'Extra', 'yes'));
    assert.equal(out, 'Items:\n  - Name: a\n    Value: 1\n    Extra: yes');
    assert.deepEqual(TemplateModel.parse('t.yaml', out!).problems, []);
  });

  it('creates Properties when a resource has none', () => {
    const text = yaml('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance');
    assert.equal(edit(text, (m) => setProperty(m, ['Resources', 'Db'], 'MultiAZ', 'true')),
      yaml('Resources:', '  Db:', '    Properties:', '      MultiAZ: true', '    Type: AWS::RDS::DBInstance'));
  });

  it('replaces an existing scalar and refuses to overwrite an intrinsic', () => {
    const text = yaml('Resources:', '  Db:', '    Properties:', '      MultiAZ: false', '      Other: !Ref P');
    assert.equal(edit(text, (m) => setKey(m, ['Resources', 'Db', 'Properties'], 'MultiAZ', 'true')), yaml('Resources:', '  Db:', '    Properties:', '      MultiAZ: true', '      Other: !Ref P'));
    assert.equal(edit(text, (m) => setKey(m, ['Resources', 'Db', 'Properties'], 'Other', 'x')), undefined);
  });

  it('leaves flow mappings and JSON templates alone', () => {
    assert.equal(edit(yaml('Resources:', '  Db: {Type: AWS::RDS::DBInstance}'), (m) => insertKey(m, ['Resources', 'Db'], 'DeletionPolicy', 'Snapshot')), undefined);
    assert.equal(edit('{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance"}}}', (m) => insertKey(m, ['Resources', 'Db'], 'DeletionPolicy', 'Snapshot')), undefined);
  });

  it('appends items to a block list at the dash column, and leaves flow lists alone', () => {
    const text = yaml('Tags:', '  - Key: project', '    Value: moodle', 'Next: 1');
    assert.equal(edit(text, (m) => appendToList(m, ['Tags'], [['Key: environment', 'Value: prod']])),
      yaml('Tags:', '  - Key: project', '    Value: moodle', '  - Key: environment', '    Value: prod', 'Next: 1'));
    assert.equal(edit(yaml('Tags: [{Key: a, Value: b}]'), (m) => appendToList(m, ['Tags'], [['Key: c']])), undefined);
  });
});
