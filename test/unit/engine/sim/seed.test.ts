import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seedKey, seedVolumes } from '../../../../src/engine/sim/replica/seed';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../../src/engine/sim/plan/topology-source';

describe('sim/seed: the key of a reusable Moodle install', () => {
  const code = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-seed-'));
  fs.mkdirSync(path.join(code, 'mod', 'forum'), { recursive: true });
  fs.writeFileSync(path.join(code, 'version.php'), "<?php $version = 2025041400.00; $release = '5.0';");
  fs.writeFileSync(path.join(code, 'mod', 'forum', 'version.php'), '<?php $plugin->version = 2025041400;');
  const moodle = () => planReplica(emptyTopology(), { moodle: { dir: code, publicDir: false } });

  it('is the same for the same code and changes with any version.php (core or plugin) or the database family', () => {
    const key = seedKey(moodle(), code)!;
    assert.match(key, /^[0-9a-f]{16}$/);
    assert.equal(seedKey(moodle(), code), key);
    fs.writeFileSync(path.join(code, 'mod', 'forum', 'version.php'), '<?php $plugin->version = 2025041401;');
    const plugin = seedKey(moodle(), code);
    assert.notEqual(plugin, key, 'a plugin upgrade is a different install');
    const pg = { ...moodle(), database: { family: 'postgres' as const, engine: 'postgres' } };
    assert.notEqual(seedKey(pg, code), plugin);
    fs.writeFileSync(path.join(code, 'README.txt'), 'not a version');
    assert.equal(seedKey(moodle(), code), plugin, 'files other than version.php do not matter');
  });

  it('is only for real Moodle (the probe installs in a second) and names labelled volumes per key', () => {
    assert.equal(seedKey(planReplica(emptyTopology()), code), undefined);
    const v = seedVolumes('abc');
    assert.deepEqual([v.db, v.data, v.complete], ['moodle-ha-seed-abc-db', 'moodle-ha-seed-abc-data', 'moodle-ha-seed-abc-ok']);
  });
});
