import * as assert from 'node:assert/strict';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { containerName, execIn } from '../../../src/engine/sim/docker/containers';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../src/engine/sim/plan/topology-source';
import { APP_CACHE_NODE } from '../../../src/engine/sim/plan/addresses';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { inspectMoodleDir } from '../../../src/engine/sim/moodle/detect-moodle';
import type { ReplicaPlan } from '../../../src/engine/sim/plan/replica-plan';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import { ParityTarget, get } from './parity-target';

/**
 * The application cache (MUC) on its own Redis, as the scaffolded template has it: the bundle's
 * configure-muc.php maps it at `sim up`, pages fill it, and a Redis that is gone costs speed, not the
 * site (Moodle leaves a store that is not ready out of the chain). CI runs the probe; with
 * MHA_MOODLE_DIR the same scenarios run against real Moodle. Needs Docker Engine.
 */
const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-muc`;
const apps: Array<{ name: string; app: () => Promise<ReplicaPlan['app']> }> = [{ name: 'probe', app: async () => ({ kind: 'probe' }) }];
if (process.env.MHA_MOODLE_DIR) {
  apps.push({ name: 'moodle', app: async () => { const m = await inspectMoodleDir(process.env.MHA_MOODLE_DIR!); return { kind: 'moodle', dir: m.dir, publicDir: m.publicDir }; } });
}
const only = process.env.MHA_PARITY_APPS?.split(',');

for (const { name, app } of apps.filter((a) => !only || only.includes(a.name))) {
  describe(`application cache on its own Redis (${name}; needs Docker Engine)`, function () {
    this.timeout(600_000);
    const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };
    let t: ParityTarget;
    const appCache = () => ctx.docker.getContainer(containerName(PROJECT, APP_CACHE_NODE));
    /** The keys the application cache holds in its Redis (Moodle's prefix from configure-muc.php). */
    const mucKeys = async () => (await execIn(appCache(), ['redis-cli', '--scan', '--pattern', 'mdl_muc_*'])).output.split('\n').filter(Boolean);

    before(async () => {
      await checkDocker(ctx.docker);
      await sweepProject(ctx.docker, PROJECT);
      const appPlan = await app();
      const plan = planReplica(emptyTopology(), { project: PROJECT, nodes: 1, lbPort: 8480, cache: { kind: 'redis', replica: false }, appCache: true, moodle: appPlan.kind === 'moodle' ? appPlan : undefined });
      t = new ParityTarget(ctx.docker, (await upReplica(ctx, plan)).state);
    });
    after(async () => { await sweepProject(ctx.docker, PROJECT).catch(() => undefined); });

    it('sim up maps the application mode to the app-cache Redis first, the file store after it, through the bundle\'s configure-muc.php', async () => {
      const read = await t.exec(['php', '-r', "define('MOODLE_INTERNAL', 1); include '/mnt/moodledata/muc/config.php'; $m = array_values(array_filter($configuration['modemappings'], fn($x) => $x['mode'] == 1)); usort($m, fn($a, $b) => $a['sort'] <=> $b['sort']); echo json_encode([array_column($m, 'store'), $configuration['stores']['moodle_ha_redis']['configuration']['server'] ?? null]);"]);
      assert.equal(read.exitCode, 0, read.output);
      const [stores, server] = JSON.parse(read.output) as [string[], string];
      assert.deepEqual(stores, ['moodle_ha_redis', 'default_application']);
      assert.equal(server, `${t.state.prefix}.7:6379`);
    });

    it('a page fills the application cache in Redis, not only files on the shared moodledata', async () => {
      await execIn(appCache(), ['redis-cli', 'flushall']);
      const page = await get(t.siteUrl, '/');
      assert.equal(page.status, 200, page.body.slice(0, 300));
      const keys = await mucKeys();
      assert.ok(keys.length > 0, 'no mdl_muc_ key in the app-cache Redis after a page');
    });

    it('with the app-cache Redis stopped the site still answers 200 (the store is left out); started again, pages fill it again', async () => {
      await appCache().stop({ t: 0 });
      try {
        const page = await get(t.siteUrl, '/', { timeoutMs: 60_000 });
        assert.equal(page.status, 200, page.body.slice(0, 300));
        console.log(`      ${name}: front page with the application cache's Redis stopped: HTTP ${page.status} in ${page.ms} ms`);
      } finally {
        await appCache().start();
      }
      for (let i = 0; i < 50 && (await execIn(appCache(), ['redis-cli', 'ping'])).output.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 200));
      const again = await get(t.siteUrl, '/');
      assert.equal(again.status, 200);
      assert.ok((await mucKeys()).length > 0, 'pages use Redis again once it is back');
    });
  });
}
