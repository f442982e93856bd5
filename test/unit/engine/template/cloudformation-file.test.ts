import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cloudFormationFiles, isCloudFormationFile } from '../../../../src/engine/template/cloudformation-file';
import { MAX_TEMPLATE_BYTES } from '../../../../src/engine/template/limits';

describe('template/cloudformation-file: is a file on disk a CloudFormation template, by content', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cfnfile-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string | Buffer) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

  it('says yes to YAML and JSON templates, with or without AWSTemplateFormatVersion', async () => {
    assert.equal(await isCloudFormationFile(file('a.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')), true);
    assert.equal(await isCloudFormationFile(file('b.json', '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}')), true);
  });

  it('says no to the project files around a template (the replica picker offered them)', async () => {
    const others = [
      file('parameters.json', '[{"ParameterKey":"Environment","ParameterValue":"production"}]'),
      file('moodle-ha.options.json', '{"format":"cloudformation","region":"eu-west-1"}'),
      file('appspec.yml', 'version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /var/www/moodle\n'),
      file('config.php.template', "<?php\n$CFG = new stdClass();\n"),
      // Mentions AWS:: but has no resource of that type.
      file('notes.yaml', 'text: "see AWS::EC2::Instance in the docs"\n'),
    ];
    for (const f of others) assert.equal(await isCloudFormationFile(f), false, path.basename(f));
  });

  it('says no to a folder, a missing file, non-UTF-8 bytes and a file over CloudFormation\'s size limit', async () => {
    assert.equal(await isCloudFormationFile(dir), false);
    assert.equal(await isCloudFormationFile(path.join(dir, 'missing.yaml')), false);
    assert.equal(await isCloudFormationFile(file('bin.yaml', Buffer.from([0x41, 0x57, 0x53, 0x3a, 0x3a, 0xff, 0xfe]))), false);
    const big = `AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n# ${'x'.repeat(MAX_TEMPLATE_BYTES)}\n`;
    assert.equal(await isCloudFormationFile(file('big.yaml', big)), false);
  });

  it('filters a list, keeping its order', async () => {
    const a = file('z.yaml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    const b = file('p.json', '[]');
    const c = file('a.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n');
    assert.deepEqual(await cloudFormationFiles([a, b, c]), [a, c]);
  });
});
