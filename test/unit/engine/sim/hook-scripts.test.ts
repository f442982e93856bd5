import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOOK_ORDER, hookEnv, locateHooks, readCodeVersion } from '../../../../src/engine/sim/deploy/hook-scripts';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { cache, database, topology } from './topology-fixtures';

function tree(files: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-hooks-'));
  for (const f of files) { fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true }); fs.writeFileSync(path.join(root, f), '#!/bin/bash\n'); }
  return root;
}

describe('sim/hook-scripts', () => {
  it('runs the scaffolder\'s bundle when infra-templates ships all five hooks', () => {
    const root = tree([...HOOK_ORDER.map((h) => `infra-templates/default/moodle/hooks/${h}.sh`), 'sim/deploy-hooks/hooks/x.sh']);
    assert.deepEqual(locateHooks(path.join(root, 'sim')), { dir: path.join(root, 'infra-templates/default/moodle'), source: 'scaffolder' });
  });

  it('falls back to the stand-in bundle when a hook is missing', () => {
    const root = tree(HOOK_ORDER.slice(1).map((h) => `infra-templates/default/moodle/hooks/${h}.sh`));
    assert.equal(locateHooks(path.join(root, 'sim')).source, 'stand-in');
  });

  it('configures the hooks only through the contract\'s environment variables', () => {
    const plan = planReplica(topology({ database: database('postgres'), sessionCache: cache('redis', { failover: true }) }), { lbPort: 8390 });
    const env = hookEnv({ codeDir: '/var/www/moodle', dataDir: '/mnt/moodledata', plan, prefix: '10.1.2', dbPassword: 'pw' });
    for (const key of ['MOODLE_CODE_DIR', 'MOODLE_DATA_DIR', 'MOODLE_PHP', 'MOODLE_WEB_USER', 'MOODLE_HEALTH_URL', 'MOODLE_RESTART_CMD', 'MOODLE_CONFIG_SOURCE']) assert.ok(env[key], key);
    assert.ok(!env.MOODLE_CODE_DIR.startsWith(env.MOODLE_DATA_DIR), 'code is never on the shared volume');
    assert.equal(env.MOODLE_CONFIG_SOURCE, 'env');
    assert.equal(env.MOODLE_DB_TYPE, 'pgsql');
    assert.equal(env.MOODLE_DB_PORT, '5432');
    assert.equal(env.MOODLE_SESSION_HOST, '10.1.2.6', 'Redis through the endpoint that follows a promotion');
    assert.equal(env.MOODLE_WWWROOT, 'http://127.0.0.1:8390');
    const memcached = hookEnv({ codeDir: '/c', dataDir: '/d', plan: planReplica(topology()), prefix: '10.1.2', dbPassword: 'pw' });
    assert.equal(memcached.MOODLE_MEMCACHED_SAVE_PATH, '10.1.2.4:11211');
    assert.equal(memcached.MOODLE_DB_TYPE, 'mariadb');
  });

  it('reads $version from version.php (root or public/)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-ver-'));
    assert.equal(readCodeVersion(root), 'unknown');
    fs.mkdirSync(path.join(root, 'public'));
    fs.writeFileSync(path.join(root, 'public/version.php'), '<?php\n$version  = 2025100600.01;\n');
    assert.equal(readCodeVersion(root), '2025100600.01');
  });
});
