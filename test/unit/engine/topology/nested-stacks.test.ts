import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { nestedStacks, parentsOf } from '../../../../src/engine/topology/stack-family/nested-stacks';
import { nodeTemplateFiles } from '../../../../src/engine/topology/stack-family/template-files';

const CHILD = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n";
const parent = (url: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'\nConditions:\n  Big: !Equals [!Ref 'AWS::Region', eu-west-1]\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n${extra}    Properties:\n      TemplateURL: ${url}\n`;

describe('topology/stack-family: which workspace files a TemplateURL names (real files in a temporary folder)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-nested-'));
    fs.mkdirSync(path.join(dir, 'templates'));
    for (const f of ['web.yaml', 'templates/db.yaml', 'templates/big.yaml', 'templates/small.yaml']) fs.writeFileSync(path.join(dir, f), CHILD);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const resolve = (url: string, extra = '') => {
    const file = path.join(dir, 'main.yaml');
    fs.writeFileSync(file, parent(url, extra));
    return nestedStacks(TemplateModel.parse(file, parent(url, extra)), file, nodeTemplateFiles()).map((n) => [path.relative(dir, n.file), n.condition ?? '']);
  };

  it('a relative path, as aws cloudformation package expects', () => {
    assert.deepEqual(resolve('./web.yaml'), [['web.yaml', '']]);
    assert.deepEqual(resolve('templates/db.yaml'), [['templates/db.yaml', '']]);
  });

  it('the literal tail of a URL built from parameters, longest suffix first', () => {
    assert.deepEqual(resolve("!Sub '${Location}/web.yaml'"), [['web.yaml', '']]);
    assert.deepEqual(resolve("!Sub 'https://${Bucket}.s3.${AWS::Region}.${AWS::URLSuffix}/${Prefix}templates/db.yaml'"), [['templates/db.yaml', '']]);
    assert.deepEqual(resolve("!Join ['', ['https://', !Ref Bucket, '.s3.amazonaws.com/templates/db.yaml']]"), [['templates/db.yaml', '']]);
  });

  it('every branch of an !If, with the stack resource\'s Condition', () => {
    assert.deepEqual(resolve("!If [Big, !Sub '${L}/templates/big.yaml', !Sub '${L}/templates/small.yaml']", '    Condition: Big\n'), [['templates/big.yaml', 'Big'], ['templates/small.yaml', 'Big']]);
  });

  it('nothing for a file that is not there, or a URL with no template file name', () => {
    assert.deepEqual(resolve("!Sub '${Location}/missing.yaml'"), []);
    assert.deepEqual(resolve('!Ref TemplateUrl'), []);
  });

  it('finds the parent of a nested template in its folder or the one above', () => {
    const file = path.join(dir, 'main.yaml');
    fs.writeFileSync(file, parent("!Sub '${L}/templates/db.yaml'"));
    const files = nodeTemplateFiles();
    const parse = (f: string) => TemplateModel.parse(f, fs.readFileSync(f, 'utf8'));
    assert.deepEqual(parentsOf(path.join(dir, 'templates', 'db.yaml'), files, parse).map((p) => [path.relative(dir, p.file), p.stack.stackId]), [['main.yaml', 'Child']]);
    assert.deepEqual(parentsOf(path.join(dir, 'templates', 'big.yaml'), files, parse), []);
  });
});
