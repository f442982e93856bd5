import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkConfigShape, isRealUtcDate } from '../../../../src/engine/scaffold/config-schema';
import { defaultOptions } from '../../../../src/engine/scaffold/options';

const root = path.join(__dirname, '../../../../..');

describe('scaffold --config shape check', () => {
  it('accepts every answers file the scaffolder itself saved (infra-templates and the snapshots)', () => {
    const files = [path.join(root, 'infra-templates/default/moodle-ha.options.json'),
      ...fs.readdirSync(path.join(root, 'test/fixtures/scaffold/snapshots')).map((d) => path.join(root, 'test/fixtures/scaffold/snapshots', d, 'moodle-ha.options.json'))];
    for (const file of files) assert.deepEqual(checkConfigShape(JSON.parse(fs.readFileSync(file, 'utf8'))), [], file);
    assert.deepEqual(checkConfigShape(defaultOptions()), []);
    assert.deepEqual(checkConfigShape({}), []);
  });

  it('tells real dates from impossible ones', () => {
    for (const ok of ['2026-05-11T06:00:00Z', '2028-02-29T06:00Z', '2026-12-31T23:59:59Z']) assert.ok(isRealUtcDate(ok), ok);
    for (const bad of ['2026-02-30T06:00:00Z', '2027-02-29T06:00Z', '2026-13-01T00:00Z', '2026-05-11T24:00Z', '2026-05-11', '2026-05-11T06:00:00+01:00']) assert.ok(!isRealUtcDate(bad), bad);
  });
});
