import * as assert from 'node:assert/strict';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../src/engine/sim/plan/topology-source';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { chooseFreePort } from '../../../src/engine/sim/docker/free-port';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { runDrill } from '../../../src/engine/sim/drills/run-drill';
import { killCacheDrill } from '../../../src/engine/sim/drills/kill-cache';
import { execIn } from '../../../src/engine/sim/docker/containers';
import type { DrillEnv } from '../../../src/engine/sim/drills/drill';
import { formatReportText } from '../../../src/engine/sim/drills/format-report';
import type { DrillDefinition } from '../../../src/engine/sim/drills/drill';
import type { ReplicaState } from '../../../src/engine/sim/replica/replica-state';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import type { DrillReport } from '../../../src/engine/sim/drills/drill-report';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-lk`;

/** The lock expiry the scaffold's config.php sets (session_redis_lock_expire), which the sweep reads. */
const LOCK_EXPIRE_SECONDS = 30;

/** Locks planted before the kill: a request cut off at the kill is a matter of timing, these are not. */
const PLANTED_LOCKS = 3;

/**
 * Whether the sweep deletes a lock depended on a request holding one at the kill (it deleted 1 in
 * one run and 0 in another). So 1.5 s before the kill the test sets PLANTED_LOCKS session locks as a
 * page of Moodle's does (SET NX with the lock expiry, under the sessions' own key prefix) with no
 * page left to release them: what a request cut off by the failover leaves. Sessions of their own,
 * so no virtual user waits on them (the live users' locks are held most of the time anyway: a page
 * holds its lock 0.3 s, and those are what stall users in the run without the sweep).
 */
async function plantStaleLocks(env: DrillEnv): Promise<number> {
  // One exec on the primary (an exec per key took longer than the 1.5 s to the kill under load).
  const plant = [
    'k=$(redis-cli --scan --pattern "*session_*" | head -n 1)',
    'prefix=${k%%session_*}',
    'n=0',
    `for i in $(seq 1 ${PLANTED_LOCKS}); do`,
    `  [ "$(redis-cli set "\${prefix}session_mha-planted-${Date.now()}-$i.lock" 1 NX EX ${LOCK_EXPIRE_SECONDS})" = OK ] && n=$((n + 1))`,
    'done',
    'echo "planted $n"',
  ].join('\n');
  for (const name of ['cache-1', 'cache-2']) {
    const node = env.state.nodes.find((n) => n.name === name);
    if (!node) continue;
    const container = env.docker.getContainer(node.container);
    const role = await execIn(container, ['redis-cli', 'role'], {}, undefined, env.signal).catch(() => undefined);
    if (!role || !/^master\b/.test(role.output.trim())) continue;
    const result = await execIn(container, ['sh', '-c', plant], {}, undefined, env.signal);
    return Number(/planted (\d+)/.exec(result.output)?.[1] ?? 0);
  }
  throw new Error('no Redis node answers as the primary');
}

/** kill-cache on this replica with the stack's failover lock sweep on or off (the plan's choice, made here per run), with stale locks planted. */
function killCache(lockSweep: boolean, planted: number[]): DrillDefinition {
  const withSweep = (state: ReplicaState): ReplicaState => ({ ...state, plan: { ...state.plan, cache: { ...state.plan.cache, lockSweep } } });
  return {
    ...killCacheDrill,
    async act(env) {
      const planting = env.at(6.5).then(() => plantStaleLocks(env)).then((n) => { planted.push(n); });
      const outcome = await killCacheDrill.act({ ...env, state: withSweep(env.state) });
      await planting;
      return outcome;
    },
    expect: (s, state, ...rest) => killCacheDrill.expect(s, withSweep(state), ...rest),
  };
}

const explain = (r: DrillReport) => `\n${formatReportText(r)}`;
const everyUserBack = (r: DrillReport) => r.verdict.expectations.find((e) => /every user served again within 10 s/.test(e.text));

describe('sim: kill-cache and the failover lock sweep, Redis primary + replica (needs Docker Engine)', function () {
  this.timeout(900_000);
  const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };

  before(async () => {
    await checkDocker(ctx.docker);
    await sweepProject(ctx.docker, PROJECT);
    const { port } = await chooseFreePort(18_480);
    const plan = planReplica(emptyTopology(), { project: PROJECT, nodes: 2, lbPort: port, cache: { kind: 'redis', replica: true } });
    await upReplica(ctx, plan);
  });

  after(async () => {
    await sweepProject(ctx.docker, PROJECT).catch(() => undefined);
  });

  it('without the sweep, users whose request the failover cut off wait for their session lock to expire', async () => {
    const planted: number[] = [];
    const report = await runDrill(ctx, PROJECT, 'kill-cache', { users: 6, definition: killCache(false, planted) });
    assert.equal(planted[0], PLANTED_LOCKS, `stale locks planted before the kill${explain(report)}`);
    assert.ok(report.summary.requests > 50, `load ran${explain(report)}`);
    assert.equal(report.summary.sessionsLost, 0, explain(report));
    assert.ok(!report.events.some((e) => e.kind === 'lock-sweep'), explain(report));
    assert.equal(everyUserBack(report)?.ok, false, `the dead requests' locks (30 s expiry) stall their users${explain(report)}`);
  });

  it('with the sweep, the failover notification deletes the locks taken before it (every planted one) and every user is served again within 10 s', async () => {
    const planted: number[] = [];
    const report = await runDrill(ctx, PROJECT, 'kill-cache', { users: 6, definition: killCache(true, planted) });
    const sweep = report.events.find((e) => e.kind === 'lock-sweep');
    assert.equal(planted[0], PLANTED_LOCKS, `stale locks planted before the kill${explain(report)}`);
    assert.ok(report.events.some((e) => e.kind === 'notification'), `the endpoint raised FailoverComplete${explain(report)}`);
    const swept = Number(/^swept (\d+) session locks taken before the promotion; kept \d+ taken after it/.exec(sweep?.detail ?? '')?.[1] ?? -1);
    assert.ok(swept >= PLANTED_LOCKS, `the sweep deleted the ${PLANTED_LOCKS} planted locks (it reports ${swept})${explain(report)}`);
    assert.equal(report.summary.sessionsLost, 0, explain(report));
    assert.equal(everyUserBack(report)?.ok, true, explain(report));
    assert.ok(report.verdict.passed, explain(report));
  });
});
