import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { planAddresses } from '../../../../src/engine/sim/plan/addresses';
import { topologyFromTemplate } from '../../../../src/engine/sim/plan/topology-source';
import { hookEnv } from '../../../../src/engine/sim/deploy/hook-scripts';
import { nodeConfigFiles, NODE_CONFIGURE_MUC } from '../../../../src/engine/sim/moodle/node-config';
import { installCommands } from '../../../../src/engine/sim/replica/install-app';
import { topology, webTier } from './topology-fixtures';
import type { HaTopology } from '../../../../src/engine/topology/types';

/** A web tier whose launch user data is the given text. */
const withUserData = (userData: string) => ({ ...webTier(2, 4, 2), userData } as HaTopology['webTier']);

const ROOT = path.resolve(__dirname, '../../../../..');
const settings = (plan: ReturnType<typeof planReplica>) => ({ codeDir: '/var/www/moodle', dataDir: '/mnt/moodledata', plan, prefix: '10.1.2', dbPassword: 'pw' });

describe('sim: the application cache (MUC) on a Redis of its own, as the template has it', () => {
  it('the default scaffold maps MUC to Redis: the replica gets app-cache at .7 and the hooks its address', async () => {
    const plan = planReplica(await topologyFromTemplate(path.join(ROOT, 'infra-templates/default/infra/moodle-ha.yaml')));
    assert.equal(plan.appCache, true, plan.notes.join('\n'));
    assert.ok(plan.notes.some((n) => n.includes('MOODLE_MUC_REDIS_HOST')), 'the plan says why');
    assert.deepEqual(planAddresses(plan, '10.1.2').filter((a) => a.name === 'app-cache'), [{ name: 'app-cache', role: 'cache', ip: '10.1.2.7' }]);
    const env = hookEnv(settings(plan));
    assert.deepEqual([env.MOODLE_MUC_REDIS_HOST, env.MOODLE_MUC_REDIS_PORT, env.MOODLE_MUC_REDIS_TLS], ['10.1.2.7', '6379', '0']);
    assert.notEqual(env.MOODLE_MUC_REDIS_HOST, env.MOODLE_SESSION_HOST, 'apart from the sessions, as the template keeps them apart');
  });

  it('a template whose user data names no MUC store keeps the file store: no app-cache, no MUC variables', () => {
    const plan = planReplica(topology({ webTier: withUserData('#!/bin/bash\nMOODLE_SESSION_HOST=x\n') }));
    assert.equal(plan.appCache, undefined);
    assert.ok(!planAddresses(plan, '10.1.2').some((a) => a.name === 'app-cache'));
    assert.equal(hookEnv(settings(plan)).MOODLE_MUC_REDIS_HOST, undefined, 'configure-muc.php then leaves the file store');
    assert.ok(plan.notes.some((n) => n.includes('file store')));
  });

  it('user data that hands MOODLE_MUC_REDIS_HOST to the renderer turns it on; the plan option appCache: false turns it off', () => {
    const web = withUserData('cat > /etc/moodle-ha/moodle.env <<EOF\nMOODLE_MUC_REDIS_HOST=${MucHost}\nEOF\n');
    assert.equal(planReplica(topology({ webTier: web })).appCache, true);
    assert.equal(planReplica(topology({ webTier: web }), { appCache: false }).appCache, undefined);
  });

  it('every web node carries the bundle\'s configure-muc.php, the script ops/install.sh runs on EC2', () => {
    const files = nodeConfigFiles(path.join(ROOT, 'sim'), settings(planReplica(topology())));
    const script = files.find((f) => f.name === NODE_CONFIGURE_MUC);
    assert.ok(script, files.map((f) => f.name).join(', '));
    assert.match(String(script.content), /config_writer::instance\(\)/);
    assert.ok(!installCommands(planReplica(topology())).flat().includes(NODE_CONFIGURE_MUC), 'mapped after the seed is kept, not in the install');
  });
});
