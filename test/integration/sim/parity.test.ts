import * as assert from 'node:assert/strict';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../src/engine/sim/plan/topology-source';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { inspectMoodleDir } from '../../../src/engine/sim/moodle/detect-moodle';
import type { CacheKind, ReplicaPlan } from '../../../src/engine/sim/plan/replica-plan';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import { ParityTarget, get } from './parity-target';

/**
 * Parity: the same scenarios, with the same expected answers (read from Moodle 5.0's code: lib/setup.php,
 * lib/setuplib.php initialise_fullme, admin/cli/upgrade.php, lib/classes/session/*), against the probe
 * and, when MHA_MOODLE_DIR points to a Moodle checkout, against real Moodle. CI runs the probe half.
 * Needs Docker Engine. Each replica has one web node and the config.php the scaffold bundle renders.
 */
const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-parity`;
const apps: Array<{ name: string; app: () => Promise<ReplicaPlan['app']> }> = [{ name: 'probe', app: async () => ({ kind: 'probe' }) }];
if (process.env.MHA_MOODLE_DIR) {
  apps.push({ name: 'moodle', app: async () => { const m = await inspectMoodleDir(process.env.MHA_MOODLE_DIR!); return { kind: 'moodle', dir: m.dir, publicDir: m.publicDir }; } });
}
// MHA_PARITY_APPS=moodle runs one half only (e.g. the Moodle half again, by hand).
const only = process.env.MHA_PARITY_APPS?.split(',');
/** What each run answered, printed at the end so the two halves can be read side by side. */
const seen: string[] = [];
const note = (line: string) => { seen.push(line); };

for (const { name, app } of apps.filter((a) => !only || only.includes(a.name))) {
  for (const cacheKind of ['memcached', 'redis'] as CacheKind[]) {
    describe(`parity (${name}, ${cacheKind} sessions): answers as Moodle 5.0 does (needs Docker Engine)`, function () {
      this.timeout(600_000);
      const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };
      let t: ParityTarget;
      const tag = `${name}/${cacheKind}`;

      before(async () => {
        await checkDocker(ctx.docker);
        await sweepProject(ctx.docker, PROJECT);
        const appPlan = await app();
        const plan = planReplica(emptyTopology(), { project: PROJECT, nodes: 1, lbPort: 8470, cache: { kind: cacheKind, replica: false }, moodle: appPlan.kind === 'moodle' ? appPlan : undefined });
        t = new ParityTarget(ctx.docker, (await upReplica(ctx, plan)).state);
      });
      after(async () => { await sweepProject(ctx.docker, PROJECT).catch(() => undefined); });
      afterEach(async () => { await t?.restoreConfig().catch(() => undefined); await t?.restoreVersion().catch(() => undefined); await t?.cli('maintenance.php', '--disable').catch(() => undefined); });

      /** A session the cache knows (the login page starts one) and its id. */
      async function session(): Promise<{ cookie: string; sid: string }> {
        const first = await get(t.siteUrl, '/login/index.php');
        assert.equal(first.status, 200, first.body.slice(0, 300));
        assert.ok(first.cookie, 'the login page starts a session');
        return { cookie: first.cookie, sid: first.cookie.split('=')[1] };
      }

      if (cacheKind === 'memcached') {
        it('wwwroot check: the right Host 200; another host or port 303 to the same path under wwwroot', async () => {
          const right = await get(t.siteUrl, '/login/index.php?x=1');
          const host = await get(t.siteUrl, '/login/index.php?x=1', { host: `localhost:${new URL(t.siteUrl).port}` });
          const port = await get(t.siteUrl, '/login/index.php?x=1', { host: '127.0.0.1:1' });
          note(`${tag} host right ${right.status}, other host ${host.status} -> ${host.location}, other port ${port.status} -> ${port.location}`);
          assert.equal(right.status, 200);
          for (const wrong of [host, port]) {
            assert.equal(wrong.status, 303);
            assert.equal(wrong.location, `${t.siteUrl}/login/index.php?x=1`);
            assert.equal(wrong.cookie, undefined, 'no session for a request on the wrong address');
          }
        });

        it('wwwroot check is case-sensitive: a mixed-case Host is redirected to the lower-case wwwroot', async () => {
          const port = new URL(t.siteUrl).port;
          await t.overrideConfig([`$CFG->wwwroot = 'http://parity.mha.test:${port}';`]);
          const lower = await get(t.siteUrl, '/login/index.php', { host: `parity.mha.test:${port}` });
          const mixed = await get(t.siteUrl, '/login/index.php', { host: `Parity.MHA.test:${port}` });
          note(`${tag} lower-case host ${lower.status}, mixed-case ${mixed.status} -> ${mixed.location}`);
          assert.equal(lower.status, 200);
          assert.equal(mixed.status, 303);
          assert.equal(mixed.location, `http://parity.mha.test:${port}/login/index.php`);
        });

        it('sslproxy: an https wwwroot over plain http is redirected without it, served with it', async () => {
          const https = `https://${t.hostPort}`;
          await t.overrideConfig([`$CFG->wwwroot = '${https}';`, '$CFG->sslproxy = false;']);
          const without = await get(t.siteUrl, '/login/index.php');
          await t.overrideConfig([`$CFG->wwwroot = '${https}';`, '$CFG->sslproxy = true;']);
          const withProxy = await get(t.siteUrl, '/login/index.php');
          note(`${tag} https wwwroot: sslproxy off ${without.status} -> ${without.location}, on ${withProxy.status}`);
          assert.equal(without.status, 303);
          assert.equal(without.location, https);
          assert.equal(withProxy.status, 200);
        });

        it('maintenance: climaintenance.html makes every page 503 (before the Host check), the static health file stays 200', async () => {
          const on = await t.cli('maintenance.php', '--enable');
          assert.equal(on.exitCode, 0, on.output);
          const page = await get(t.siteUrl, '/login/index.php');
          const wrongHost = await get(t.siteUrl, '/index.php', { host: 'localhost' });
          const health = await get(t.siteUrl, '/moodle-ha-health');
          const file = await t.dataFile('climaintenance.html');
          const off = await t.cli('maintenance.php', '--disable');
          const after = await get(t.siteUrl, '/login/index.php');
          note(`${tag} maintenance: page ${page.status} "${page.statusText}", wrong host ${wrongHost.status}, health ${health.status}, after disable ${after.status}`);
          assert.equal(page.status, 503);
          assert.match(page.statusText, /maintenance/i);
          assert.equal(page.body, file, 'the body is climaintenance.html');
          assert.equal(wrongHost.status, 503);
          assert.equal(health.status, 200);
          assert.equal(off.exitCode, 0, off.output);
          assert.equal(after.status, 200);
        });

        it('upgrade.php: --is-pending 0 when current, 2 when the code is newer; a downgrade is refused (exit 1)', async () => {
          const current = await t.cli('upgrade.php', '--is-pending');
          await t.shiftCodeVersion(1);
          const newer = await t.cli('upgrade.php', '--is-pending');
          await t.restoreVersion();
          await t.shiftCodeVersion(-1);
          const olderPending = await t.cli('upgrade.php', '--is-pending');
          const olderUpgrade = await t.cli('upgrade.php', '--non-interactive');
          note(`${tag} upgrade --is-pending: current ${current.exitCode}, newer ${newer.exitCode}, older ${olderPending.exitCode}; upgrade older ${olderUpgrade.exitCode}`);
          assert.equal(current.exitCode, 0, current.output);
          assert.equal(newer.exitCode, 2, newer.output);
          assert.equal(olderPending.exitCode, 1, olderPending.output);
          assert.equal(olderUpgrade.exitCode, 1, olderUpgrade.output);
        });

        it('a database password config.php does not know makes every page fail with 500', async () => {
          await t.overrideConfig(["$CFG->dbpass = 'not-the-password';"]);
          const page = await get(t.siteUrl, '/login/index.php');
          note(`${tag} wrong DB password: ${page.status}`);
          assert.equal(page.status, 500);
        });
      }

      it('session lock: a request waits while another holds its session, and runs when it is released', async () => {
        const s = await session();
        await t.setSessionLock(s.sid, 3600);
        const t0 = Date.now();
        const waiting = get(t.siteUrl, '/login/index.php', { cookie: s.cookie });
        await new Promise((r) => setTimeout(r, 3000));
        // docker exec itself takes a while on a busy machine: the answer must come after the release
        // was sent and soon after it was done (the handler polls every 100-150 ms).
        const releaseSent = Date.now() - t0;
        await t.setSessionLock(s.sid, 0);
        const releaseDone = Date.now() - t0;
        const answer = await waiting;
        note(`${tag} lock released after ${releaseSent}-${releaseDone} ms: ${answer.status} after ${answer.ms} ms`);
        assert.equal(answer.status, 200, answer.body.slice(0, 300));
        assert.ok(answer.ms >= releaseSent && answer.ms < releaseDone + 1500, `answered after ${answer.ms} ms, the lock was released between ${releaseSent} and ${releaseDone} ms`);
      });

      it('session lock of a dead holder: frees when its expiry passes, and the request then runs', async () => {
        const s = await session();
        await t.setSessionLock(s.sid, 4);
        const answer = await get(t.siteUrl, '/login/index.php', { cookie: s.cookie });
        note(`${tag} dead holder, 4 s left on its lock: ${answer.status} after ${answer.ms} ms`);
        assert.equal(answer.status, 200, answer.body.slice(0, 300));
        assert.ok(answer.ms >= 2500 && answer.ms < 7000, `waited ${answer.ms} ms`);
      });

      it('session lock never freed: the request fails with 500 after the configured acquire timeout', async () => {
        await t.overrideConfig([`$CFG->session_${cacheKind}_acquire_lock_timeout = 3;`]);
        const s = await session();
        await t.setSessionLock(s.sid, 3600);
        const answer = await get(t.siteUrl, '/login/index.php', { cookie: s.cookie });
        note(`${tag} lock held for good, acquire timeout 3 s: ${answer.status} after ${answer.ms} ms`);
        assert.equal(answer.status, 500, answer.body.slice(0, 300));
        assert.ok(answer.ms >= 2500 && answer.ms < 8000, `gave up after ${answer.ms} ms`);
      });
    });
  }
}

after(() => { if (seen.length) console.log(`\nparity answers:\n  ${seen.join('\n  ')}`); });
