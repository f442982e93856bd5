import * as assert from 'node:assert/strict';
import { rdsMultiAz } from '../../../../../src/engine/lint/rules/database/rds-multi-az';
import { sharedStorageRetained } from '../../../../../src/engine/lint/rules/storage/shared-storage-retained';
import { applyEdits } from '../../../../../src/engine/lint/rules/fixes/yaml-edit';
import { lintText } from './lint-text';

const rds = (multiAz: string) => JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBInstanceClass: 'db.m6g.large', ...(multiAz ? { MultiAZ: multiAz === 'true' } : {}) } } },
}, null, 2);

describe('lint/rules on JSON templates', () => {
  it('reports at the right line and offers value edits that keep the JSON valid', () => {
    const text = rds('false');
    const { model, findings } = lintText(text, [rdsMultiAz], 't.json');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, text.split('\n').findIndex((l) => l.includes('"MultiAZ"')));
    const fixed = applyEdits(model, findings[0].fixes![0].edits);
    assert.equal(JSON.parse(fixed).Resources.Db.Properties.MultiAZ, true);
    assert.deepEqual(lintText(fixed, [rdsMultiAz], 't.json').findings, []);
  });

  it('offers no insertion fix in JSON (YAML-only), but still reports', () => {
    const noKey = lintText(rds(''), [rdsMultiAz], 't.json').findings;
    assert.equal(noKey.length, 1);
    assert.equal(noKey[0].fixes, undefined);
    const efs = JSON.stringify({ Resources: { Fs: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true } } } }, null, 2);
    const retained = lintText(efs, [sharedStorageRetained], 't.json').findings;
    assert.equal(retained.length, 1);
    assert.equal(retained[0].fixes, undefined);
  });
});
