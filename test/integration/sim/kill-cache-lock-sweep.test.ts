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
import { formatReportText } from '../../../src/engine/sim/drills/format-report';
import type { DrillDefinition } from '../../../src/engine/sim/drills/drill';
import type { ReplicaState } from '../../../src/engine/sim/replica/replica-state';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import type { DrillReport } from '../../../src/engine/sim/drills/drill-report';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-lk`;

/** kill-cache on this replica with the stack's failover lock sweep on or off (the plan's choice, made here per run). */
function killCache(lockSweep: boolean): DrillDefinition {
  const withSweep = (state: ReplicaState): ReplicaState => ({ ...state, plan: { ...state.plan, cache: { ...state.plan.cache, lockSweep } } });
  return { ...killCacheDrill, act: (env) => killCacheDrill.act({ ...env, state: withSweep(env.state) }), expect: (s, state, ...rest) => killCacheDrill.expect(s, withSweep(state), ...rest) };
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
    const report = await runDrill(ctx, PROJECT, 'kill-cache', { users: 6, definition: killCache(false) });
    assert.ok(report.summary.requests > 50, `load ran${explain(report)}`);
    assert.equal(report.summary.sessionsLost, 0, explain(report));
    assert.ok(!report.events.some((e) => e.kind === 'lock-sweep'), explain(report));
    assert.equal(everyUserBack(report)?.ok, false, `the dead requests' locks (30 s expiry) stall their users${explain(report)}`);
  });

  it('with the sweep, the failover notification deletes those locks and every user is served again within 10 s', async () => {
    const report = await runDrill(ctx, PROJECT, 'kill-cache', { users: 6, definition: killCache(true) });
    const sweep = report.events.find((e) => e.kind === 'lock-sweep');
    assert.ok(report.events.some((e) => e.kind === 'notification'), `the endpoint raised FailoverComplete${explain(report)}`);
    // How many locks it deletes depends on whether a request held its lock at the kill (1 in one run,
    // 0 in another); the run without the sweep above shows the stall those locks cause.
    assert.match(sweep?.detail ?? '', /^swept \d+ session locks taken before the promotion; kept \d+ taken after it/, explain(report));
    assert.equal(report.summary.sessionsLost, 0, explain(report));
    assert.equal(everyUserBack(report)?.ok, true, explain(report));
    assert.ok(report.verdict.passed, explain(report));
  });
});
