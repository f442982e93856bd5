import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { planReplica } from '../../../src/engine/sim/plan/plan-replica';
import { readTemplateForReplica } from '../../../src/engine/sim/plan/topology-source';
import { upReplica } from '../../../src/engine/sim/replica/up';
import { sweepProject } from '../../../src/engine/sim/replica/down';
import { runDrill } from '../../../src/engine/sim/drills/run-drill';
import { formatReportText } from '../../../src/engine/sim/drills/format-report';
import { writeDrillReport } from '../../../src/engine/sim/drills/write-report';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';
import type { DrillName } from '../../../src/engine/sim/drills/catalogue';
import type { DrillReport } from '../../../src/engine/sim/drills/drill-report';
import type { DrillDefinition } from '../../../src/engine/sim/drills/drill';
import { upgradeDrill } from '../../../src/engine/sim/drills/upgrade';

// Its own project (and port range), so it can run next to replica.test.ts on one Docker Engine.
const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-aws`;
const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

const explain = (r: DrillReport) => `\n${formatReportText(r)}`;
const expectation = (r: DrillReport, pattern: RegExp) => r.verdict.expectations.find((e) => pattern.test(e.text));

/** The scaffolder's own default template and bundle, as `npm run demo` brings it up. */
const DEFAULT_SCAFFOLD = path.resolve(__dirname, '../../../../infra-templates');

/** A fresh replica from a template (each drill here may leave the fleet broken, as AWS would). */
async function fresh(ctx: SimContext, fixture: string, template = 'moodle-ha.yaml', root = fixtures): Promise<void> {
  await sweepProject(ctx.docker, PROJECT);
  // Fresh shared storage too: the sweep keeps the moodledata volume, and a fixture's older hooks
  // leave a root-owned deploy lock in it that the default bundle's hooks (as the web user) cannot open.
  await ctx.docker.getVolume(`${PROJECT}-moodledata`).remove().catch(() => undefined);
  const { topology, aws } = await readTemplateForReplica(path.join(root, fixture, 'infra', template));
  // A new port each time: Docker may hold the last replica's for a moment after it is removed.
  await upReplica(ctx, planReplica(topology, { project: PROJECT, lbPort: 20_000 + Math.floor(Math.random() * 10_000), aws }));
}

async function drill(ctx: SimContext, fixture: string, name: DrillName, template?: string, more: { root?: string; definition?: DrillDefinition } = {}): Promise<DrillReport> {
  await fresh(ctx, fixture, template, more.root);
  const report = await runDrill(ctx, PROJECT, name, { users: 3, definition: more.definition });
  // MHA_DRILL_REPORTS=DIR keeps every report (JSON, text, chart) for a closing note.
  if (process.env.MHA_DRILL_REPORTS) await writeDrillReport({ ...report, project: `${fixture}${template ? `-${template.replace(/\.yaml$/, '')}` : ''}` }, process.env.MHA_DRILL_REPORTS);
  return report;
}

describe('sim: AWS behaviours from the template, with the probe (needs Docker Engine)', function () {
  this.timeout(900_000);
  const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };

  before(async () => { await checkDocker(ctx.docker); });
  after(async () => { await sweepProject(ctx.docker, PROJECT).catch(() => undefined); });

  describe("the 'before' scaffold (test/fixtures/before-scaffold)", () => {
    it('upgrade: the health check fails every node, the ASG replaces them with the old revision, the replacements never serve, users lose the site', async () => {
      const r = await drill(ctx, 'before-scaffold', 'upgrade');
      assert.ok(r.aws, explain(r));
      assert.ok(r.aws.unhealthyMarks >= r.aws.nodesAtStart.length, `the health check on /login/index.php failed on every node${explain(r)}`);
      // Every node still registered is replaced; the one CodeDeploy has deregistered is failed by the deployment instead.
      assert.ok(r.aws.replaced >= r.aws.nodesAtStart.length - 1 && r.aws.replaced >= 1, `the fleet replaced${explain(r)}`);
      assert.ok(r.aws.abandoned >= 1, `replacements abandoned${explain(r)}`);
      // Which way a replacement dies depends on when the ASG acts: after the upgrade, Moodle refuses
      // the old revision as a downgrade; before it, the old hooks' validate-service gets Moodle's 303.
      assert.ok(r.aws.downgradesRefused >= 1 || r.events.some((e) => e.kind === 'asg-abandon' && /validate-service/.test(e.detail ?? '')), `the replacements were refused (downgrade or validate-service)${explain(r)}`);
      assert.ok(r.events.some((e) => e.kind === 'cd-launch-deploy' && /r1/.test(e.detail ?? '')), `replacements got the last successful (old) revision${explain(r)}`);
      assert.equal(expectation(r, /replaced no node/)?.ok, false, explain(r));
      assert.equal(expectation(r, /answers at the end/)?.ok, false, explain(r));
      assert.ok(r.summary.failed > 0, `users saw failures${explain(r)}`);
      assert.equal(r.verdict.passed, false, explain(r));
    });

    it('rotate-db-secret: the site is down within the drill (the health check is replacing the fleet at the same time)', async () => {
      const r = await drill(ctx, 'before-scaffold', 'rotate-db-secret');
      assert.equal(r.aws?.secretRotations, 1, explain(r));
      const after = r.series.filter((b) => b.t > 9);
      assert.ok(after.some((b) => b.requests > 0 && Object.keys(b.byNode).length === 0), `a second with no answer after the rotation${explain(r)}`);
      assert.equal(expectation(r, /no failed request/)?.ok, false, explain(r));
      assert.equal(r.verdict.passed, false, explain(r));
    });
  });

  describe('the same scaffold with a Moodle-independent health endpoint and its own DB user (test/fixtures/aws-fixed-scaffold)', () => {
    it('upgrade: every node on the new version, nobody replaced, no failed request', async () => {
      const r = await drill(ctx, 'aws-fixed-scaffold', 'upgrade');
      assert.equal(r.aws?.replaced, 0, explain(r));
      assert.ok(r.aws?.deployments.some((d) => d.kind === 'deployment' && d.status === 'Succeeded'), explain(r));
      assert.ok(r.summary.maintenance > 0, `the upgrade held the site in maintenance for a while${explain(r)}`);
      assert.equal(r.summary.failed, 0, explain(r));
      assert.ok(r.verdict.passed, explain(r));
    });

    it('az-outage: the zone\'s nodes die at once, the ASG brings capacity back in the other zone and users get answers from it', async () => {
      const r = await drill(ctx, 'aws-fixed-scaffold', 'az-outage');
      const launched = r.aws?.launched ?? [];
      assert.ok(launched.length >= 1, explain(r));
      assert.ok(launched.some((n) => (r.summary.nodes[n] ?? 0) > 0), `a replacement answered users${explain(r)}`);
      assert.equal(expectation(r, /capacity came back/)?.ok, true, explain(r));
      assert.equal(r.summary.sessionsLost, 0, explain(r));
      // The LB noticed when the target group stopped routing to the zone, as an ALB does (not at the first user's 502).
      const killed = r.events.find((e) => e.kind === 'az-outage');
      const noticed = r.events.find((e) => e.kind === 'lb-noticed');
      assert.ok(killed && noticed && noticed.t >= killed.t, `the target group's moment is an event after the outage${explain(r)}`);
      assert.ok(Math.abs((r.summary.detectSeconds ?? -1) - (noticed.t - killed.t)) < 0.02, `detect = that moment (${r.summary.detectSeconds} s)${explain(r)}`);
      // Not asserted: failures after the LB noticed. A request in flight on a killed node leaves its
      // session lock behind, and this bundle's lock settings make that user wait (issue 10, kill-web).
    });

    it('replace-unhealthy: a static health file cannot see broken PHP, so the node keeps failing users and is never replaced', async () => {
      const r = await drill(ctx, 'aws-fixed-scaffold', 'replace-unhealthy');
      assert.equal(r.aws?.replaced, 0, explain(r));
      assert.equal(expectation(r, /replacement node answered/)?.ok, false, explain(r));
      assert.equal(r.verdict.passed, false, explain(r));
    });

    it('rotate-db-secret with only the health fix (nodes still on the master secret): requests fail on the rotated password', async () => {
      const r = await drill(ctx, 'aws-fixed-scaffold', 'rotate-db-secret', 'moodle-ha-master-secret.yaml');
      assert.equal(r.aws?.secretRotations, 1, explain(r));
      assert.ok(r.summary.topFailures.some((f) => /Access denied/.test(f.detail)), `requests failed on the rotated password${explain(r)}`);
      assert.equal(r.verdict.passed, false, explain(r));
    });

    it('rotate-db-secret: the master secret rotates, Moodle\'s own user does not notice', async () => {
      const r = await drill(ctx, 'aws-fixed-scaffold', 'rotate-db-secret');
      assert.equal(r.summary.failed, 0, explain(r));
      assert.ok(r.verdict.passed, explain(r));
    });
  });

  describe("the scaffolder's default template and bundle (infra-templates/default)", () => {
    const defaults = { root: DEFAULT_SCAFFOLD };

    it('kill-web: no request fails once the LB has applied the node list without the dead node; sessions and uploads intact; the ASG replaces it', async () => {
      const r = await drill(ctx, 'default', 'kill-web', undefined, defaults);
      const noticed = r.events.find((e) => e.kind === 'lb-noticed');
      assert.ok(noticed, `the target group took the node out${explain(r)}`);
      assert.ok(r.summary.requests - r.summary.failed > 20, `the load was served${explain(r)}`);
      assert.equal(r.summary.failedAfterDetection, 0, `no failure after the LB applied the node list${explain(r)}`);
      assert.equal(r.summary.sessionsLost, 0, explain(r));
      assert.ok(r.summary.uploads > 0, `uploads were made${explain(r)}`);
      assert.equal(r.summary.uploadsLost, 0, explain(r));
      assert.ok(r.events.some((e) => e.kind === 'replaced' && e.node === noticed.node), `the killed node was replaced, not restarted${explain(r)}`);
      const launched = r.aws?.launched ?? [];
      assert.ok(launched.length >= 1 && launched.every((n) => r.aws!.nodesAtEnd.includes(n)), `the ASG launched a replacement that is running at the end${explain(r)}`);
      assert.ok(!r.aws!.nodesAtEnd.includes(noticed.node!), explain(r));
      assert.equal(expectation(r, /once the LB noticed/)?.ok, true, explain(r));
    });

    it("calendar: the school's own terms from the options file and the template's target tracking cover the year; --users beyond MaxSize fails it", async () => {
      await fresh(ctx, 'default', undefined, DEFAULT_SCAFFOLD);
      const year = await runDrill(ctx, PROJECT, 'calendar', { seconds: 5 });
      assert.ok(year.verdict.passed, year.verdict.expectations.map((e) => e.text).join('\n'));
      assert.ok(year.notes.some((n) => /the school's terms from .*moodle-ha\.options\.json/.test(n)), year.notes.join('\n'));
      assert.ok(year.notes.some((n) => /target tracking \(WebScalingPolicy\)/.test(n)), year.notes.join('\n'));
      const crowd = await runDrill(ctx, PROJECT, 'calendar', { seconds: 5, users: 4000 });
      assert.equal(crowd.users, 4000);
      assert.equal(crowd.verdict.passed, false, '4,000 people need more than the 10 nodes the schedules allow');
    });

    it('replace-unhealthy: its health endpoint is PHP outside Moodle, so broken PHP fails it: the target group takes the node out and the ASG replaces it', async () => {
      const r = await drill(ctx, 'default', 'replace-unhealthy', undefined, defaults);
      assert.ok(r.events.some((e) => e.kind === 'tg-unhealthy'), `the target group marked the broken node unhealthy${explain(r)}`);
      assert.ok((r.aws?.replaced ?? 0) >= 1, `the ASG replaced it${explain(r)}`);
      assert.equal(expectation(r, /replacement node answered/)?.ok, true, explain(r));
      assert.equal(expectation(r, /stopped getting errors within/)?.ok, true, explain(r));
      assert.ok(r.verdict.passed, explain(r));
    });

    it('scale-in: through the Auto Scaling group (below its minimum, as a holiday schedule sets it): the node drains, nobody is replaced, no request fails', async () => {
      const r = await drill(ctx, 'default', 'scale-in', undefined, defaults);
      assert.ok(r.events.some((e) => e.kind === 'tg-deregister'), `the node was deregistered (draining) before it stopped${explain(r)}`);
      assert.equal(r.aws?.replaced, 0, `a scaled-in node is not an unhealthy one${explain(r)}`);
      assert.deepEqual(r.aws?.launched, [], explain(r));
      assert.equal(r.aws?.nodesAtEnd.length, 1, explain(r));
      assert.equal(r.summary.failed, 0, explain(r));
      assert.ok(r.verdict.passed, explain(r));
    });

    it('scale-out: through the Auto Scaling group: the new node gets the last revision through CodeDeploy and serves once healthy, no request fails', async () => {
      const r = await drill(ctx, 'default', 'scale-out', undefined, defaults);
      const launched = r.aws?.launched ?? [];
      assert.equal(launched.length, 1, explain(r));
      assert.ok(r.events.some((e) => e.kind === 'cd-launch-deploy' && e.node === launched[0]), `the launch deployment ran${explain(r)}`);
      assert.ok(r.series.some((b) => (b.byNode[launched[0]] ?? 0) > 0), `the new node answered users${explain(r)}`);
      assert.equal(r.summary.failed, 0, explain(r));
      assert.ok(r.verdict.passed, explain(r));
    });

    it('upgrade: the deployment holds the fleet in maintenance, site upgrade (ops/upgrade.sh) upgrades once, --is-pending says 0 on every node', async () => {
      const r = await drill(ctx, 'default', 'upgrade', undefined, defaults);
      assert.ok(r.events.some((e) => e.kind === 'site-upgraded'), `ops/upgrade.sh ran and succeeded${explain(r)}`);
      const checks = r.events.filter((e) => e.kind === 'is-pending');
      assert.equal(checks.length, r.aws?.nodesAtEnd.length, `every node in service was asked${explain(r)}`);
      assert.ok(checks.every((e) => /exit 0/.test(e.detail ?? '')), explain(r));
      assert.equal(expectation(r, /upgrade\.php --is-pending/)?.ok, true, explain(r));
      assert.ok(r.summary.maintenance > 0, `the deployment held the site in maintenance until the upgrade${explain(r)}`);
      // The load lasted past the upgrade: users were answered after maintenance ended.
      const upgradedAt = r.events.find((e) => e.kind === 'site-upgraded')!.t;
      assert.ok(r.series.some((b) => b.t > upgradedAt && Object.keys(b.byNode).length > 0), `answers after the upgrade${explain(r)}`);
      assert.equal(expectation(r, /site upgrade \(ops\/upgrade\.sh/)?.ok, true, explain(r));
      assert.equal(r.aws?.replaced, 0, explain(r));
    });

    it('upgrade without the upgrade operation: the drill fails, upgrade.php --is-pending says 2 on every node', async () => {
      const r = await drill(ctx, 'default', 'upgrade', undefined, { ...defaults, definition: upgradeDrill({ siteUpgrade: false }) });
      assert.ok(r.aws?.deployments.some((d) => d.kind === 'deployment' && d.status === 'Succeeded'), `the deployment itself succeeded${explain(r)}`);
      const checks = r.events.filter((e) => e.kind === 'is-pending');
      assert.ok(checks.length >= 1 && checks.every((e) => /exit 2/.test(e.detail ?? '')), `pending on every node${explain(r)}`);
      const pending = expectation(r, /upgrade\.php --is-pending/);
      assert.equal(pending?.ok, false, explain(r));
      assert.match(pending!.text, /NOT upgraded/);
      assert.equal(r.verdict.passed, false, explain(r));
    });
  });
});
