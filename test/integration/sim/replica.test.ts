import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { emptyTopology } from '../../../src/engine/sim/plan/topology-source';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { readReplica, webNodes } from '../../../src/engine/sim/replica/replica-state';
import { runDrill } from '../../../src/engine/sim/drills/run-drill';
import { formatReportText } from '../../../src/engine/sim/drills/format-report';
import { projectFilter } from '../../../src/engine/sim/docker/labels';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import type { DrillReport } from '../../../src/engine/sim/drills/drill-report';

// Overridable so two checkouts can run this suite against one Docker Engine at once.
const PROJECT = process.env.MHA_TEST_PROJECT ?? 'mha-it';

/** Every labelled thing the project still has in Docker. */
async function leftovers(ctx: SimContext): Promise<string[]> {
  const filters = projectFilter(PROJECT);
  const containers = await ctx.docker.listContainers({ all: true, filters });
  const networks = await ctx.docker.listNetworks({ filters });
  const { Volumes } = await ctx.docker.listVolumes({ filters });
  return [...containers.map((c) => `container ${c.Names[0]}`), ...networks.map((n) => `network ${n.Name}`), ...(Volumes ?? []).map((v) => `volume ${v.Name}`)];
}

function explain(report: DrillReport): string {
  return `\n${formatReportText(report)}`;
}

describe('sim: local replica in Docker (needs Docker Engine; scripts/setup/docker.sh)', function () {
  this.timeout(600_000);
  const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };
  let blocker: net.Server | undefined;

  before(async () => {
    await checkDocker(ctx.docker);
    await sweepProject(ctx.docker, PROJECT);
  });

  after(async () => {
    blocker?.close();
    await sweepProject(ctx.docker, PROJECT).catch(() => undefined);
  });

  it('comes up with the probe app on 3 web nodes, moving off a port that is taken', async () => {
    // Hold a free port (not a fixed one another replica may use) and ask the replica for it.
    blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker!.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const plan = planReplica(emptyTopology(), { project: PROJECT, nodes: 3, lbPort: taken });
    const result = await upReplica(ctx, plan);
    assert.ok(result.portMoved, 'the taken port was noticed');
    assert.notEqual(result.state.plan.lb.port, taken);
    assert.equal(webNodes(result.state).length, 3);
    assert.ok(result.state.nodes.every((n) => n.state === 'running'), JSON.stringify(result.state.nodes));
    const response = await fetch(new URL('login/index.php', result.state.siteUrl));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('x-upstream') ?? '', /^web-\d$/);
  });

  it('kill-web: no session or upload lost, no failure after detection, the node serves again', async () => {
    const report = await runDrill(ctx, PROJECT, 'kill-web', { users: 4 });
    const s = report.summary;
    assert.ok(s.requests > 300, `load ran (${s.requests} requests)${explain(report)}`);
    assert.ok(s.uploads > 20, `uploads happened${explain(report)}`);
    assert.equal(s.sessionsLost, 0, explain(report));
    assert.equal(s.uploadsLost, 0, explain(report));
    assert.equal(s.failedAfterDetection, 0, explain(report));
    assert.notEqual(s.detectSeconds, null, explain(report));
    assert.ok(s.recoverSeconds !== null && s.recoverSeconds <= 15, `restarted node back within 15 s${explain(report)}`);
    const target = report.events.find((e) => e.kind === 'kill')!.node!;
    const afterRestart = report.series.filter((b) => b.t > report.events.find((e) => e.kind === 'restart')!.t);
    assert.ok(afterRestart.some((b) => (b.byNode[target] ?? 0) > 0), `${target} answered after its restart${explain(report)}`);
    assert.ok(report.verdict.passed, explain(report));
  });

  it('rolling-deploy: every node on the new version through the hook scripts, no failed request', async () => {
    const report = await runDrill(ctx, PROJECT, 'rolling-deploy', { users: 4 });
    const s = report.summary;
    assert.equal(s.failed, 0, explain(report));
    assert.equal(s.sessionsLost, 0, explain(report));
    assert.equal(s.uploadsLost, 0, explain(report));
    assert.equal(report.events.filter((e) => e.kind === 'deployed').length, 3, explain(report));
    assert.ok(s.maintenance > 0, `the upgrade ran once in maintenance mode${explain(report)}`);
    const state = (await readReplica(ctx.docker, PROJECT))!;
    const versions = new Set<string>();
    for (const web of webNodes(state)) {
      const r = await fetch(new URL('whoami.php', state.siteUrl));
      versions.add(String(((await r.json()) as { version: number }).version));
      assert.ok(web.state === 'running');
    }
    assert.equal(versions.size, 1, `one version everywhere: ${[...versions]}`);
  });

  it('rolling-deploy of a broken release rolls back automatically', async () => {
    const report = await runDrill(ctx, PROJECT, 'rolling-deploy-broken', { users: 2, seconds: 15 });
    assert.ok(report.events.some((e) => e.kind === 'deploy-failed'), explain(report));
    assert.ok(report.events.some((e) => e.kind === 'rolled-back'), explain(report));
    assert.equal(report.summary.failed, 0, explain(report));
    const state = (await readReplica(ctx.docker, PROJECT))!;
    const login = await fetch(new URL('login/index.php', state.siteUrl));
    assert.equal(login.status, 200, 'the previous release serves again');
  });

  it('down removes every labelled container, network and volume', async () => {
    await sweepProject(ctx.docker, PROJECT);
    assert.deepEqual(await leftovers(ctx), []);
  });
});
