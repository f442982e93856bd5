import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesOnDisk, REPO_ROOT, snapshotSets } from './support/snapshot-sets';

/**
 * The checked-in output (infra-templates/ and the snapshot fixtures) must equal what the builder
 * produces now. After a deliberate change: `npm run regen:scaffold-snapshots`, then review the diff.
 */
describe('scaffold/snapshots (infra-templates/ and test/fixtures/scaffold/snapshots/)', () => {
  for (const set of snapshotSets()) {
    it(`${set.dir} matches the builder`, () => {
      const dir = path.join(REPO_ROOT, set.dir);
      assert.deepEqual(filesOnDisk(dir), set.files.map((f) => f.path).sort(), `files in ${set.dir} (run npm run regen:scaffold-snapshots)`);
      for (const file of set.files) {
        assert.equal(fs.readFileSync(path.join(dir, file.path), 'utf8'), file.content, `${set.dir}/${file.path} drifted (run npm run regen:scaffold-snapshots)`);
      }
    });
  }
});
