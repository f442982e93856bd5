import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFileArguments, globToRegExp } from '../../../../src/engine/common/find-files';

describe('common/find-files', () => {
  it('matches * within a folder and ** across folders', () => {
    assert.ok(globToRegExp('/a/*.yaml').test('/a/x.yaml'));
    assert.ok(!globToRegExp('/a/*.yaml').test('/a/b/x.yaml'));
    assert.ok(globToRegExp('/a/**/x.yaml').test('/a/b/c/x.yaml'));
    assert.ok(globToRegExp('/a/**/x.yaml').test('/a/x.yaml'));
  });

  it('expands files, folders and globs, and reports what matched nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-files-'));
    fs.mkdirSync(path.join(dir, 'sub/node_modules'), { recursive: true });
    for (const f of ['a.yaml', 'sub/b.json', 'sub/c.txt', 'sub/node_modules/d.yaml']) fs.writeFileSync(path.join(dir, f), 'x');
    const { files, unmatched } = expandFileArguments(['.', '**/*.json', 'nope.yaml'], dir);
    assert.deepEqual(files.map((f) => path.relative(dir, f)).sort(), ['a.yaml', 'sub/b.json']);
    assert.deepEqual(unmatched, ['nope.yaml']);
    fs.rmSync(dir, { recursive: true });
  });
});
