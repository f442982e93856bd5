import * as assert from 'node:assert/strict';
import { ManualClock } from '../../../../../src/engine/sim/aws/clock';
import { TargetGroup } from '../../../../../src/engine/sim/aws/target-group';
import { AutoScalingGroup, launchRetryDelayMs, type AutoScalingPorts } from '../../../../../src/engine/sim/aws/auto-scaling';
import { DeploymentGroup } from '../../../../../src/engine/sim/aws/deployment-group';
import { ALB_HEALTH_DEFAULTS, type AutoScalingSpec, type DeploymentGroupSpec } from '../../../../../src/engine/sim/aws/aws-behaviour';

const health = { ...ALB_HEALTH_DEFAULTS, intervalSeconds: 15, healthyThreshold: 2, unhealthyThreshold: 3, deregistrationDelaySeconds: 0 };
const inPlace: DeploymentGroupSpec = { config: 'OneAtATime', type: 'IN_PLACE', withTrafficControl: true, autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE'] } };

/** A fleet whose nodes answer the health check with whatever `status` says; launches count up. */
function fleet(asgSpec: Partial<AutoScalingSpec> = {}, dgSpec: DeploymentGroupSpec = inPlace, healthSpec = health) {
  const clock = new ManualClock();
  const status: Record<string, number> = {};
  const running = new Set<string>();
  const installed: Record<string, string> = {};
  const refuse = new Set<string>();
  const events: string[] = [];
  const emit = (kind: string, node?: string) => events.push(`${kind}${node ? ` ${node}` : ''}`);
  let next = 4;
  const tg = new TargetGroup(healthSpec, { check: async (t) => (running.has(t.id) ? { status: status[t.id] ?? 200 } : { error: 'ECONNREFUSED' }), route: async () => undefined }, clock, emit);
  const ports: AutoScalingPorts = {
    running: async (id) => running.has(id),
    launch: async () => { const id = `web-${next++}`; running.add(id); return { id, ip: id }; },
    launchHook: async (id) => dg.launchDeployment(id),
    terminate: async (id) => { running.delete(id); },
  };
  const spec: AutoScalingSpec = { min: 2, max: 6, desired: 3, healthCheckType: 'ELB', gracePeriodSeconds: 900, zones: ['a', 'b'], ...asgSpec };
  const asg = new AutoScalingGroup(spec, ports, tg, clock, emit);
  const dg = new DeploymentGroup(dgSpec, {
    install: async (id, revision) => {
      if (refuse.has(revision.version)) return { ok: false, detail: `after-install exited 1: Cannot downgrade` };
      installed[id] = revision.version;
      return { ok: true, detail: 'ok' };
    },
  }, asg, ports, tg, clock, emit);
  return { clock, status, running, installed, refuse, events, tg, asg, dg };
}

async function adopt(f: ReturnType<typeof fleet>, ids: string[]) {
  for (const [i, id] of ids.entries()) { f.running.add(id); f.asg.adopt(id, id, i % 2 ? 'b' : 'a'); await f.tg.register(id, id, { healthy: true }); f.installed[id] = '1'; }
}

describe('sim/aws Auto Scaling group', () => {
  it('EC2 health: a stopped instance is replaced; an unhealthy target is not (HealthCheckType EC2)', async () => {
    const f = fleet({ healthCheckType: 'EC2' });
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    await adopt(f, ['web-1', 'web-2', 'web-3']);
    f.status['web-1'] = 503;
    for (let i = 0; i < 3; i++) await f.tg.checkOnce();
    await f.asg.tick();
    assert.ok(f.asg.instances.has('web-1'), 'EC2 health ignores the target group');
    f.running.delete('web-2');
    await f.asg.tick();
    await f.asg.settle();
    assert.ok(!f.asg.instances.has('web-2'));
    assert.equal(f.asg.inService().length, 3, 'back to desired');
    assert.equal(f.installed['web-4'], '1', 'the replacement got the last successful revision at launch');
  });

  it('ELB health honours the grace period: a new unhealthy node is left alone until it ends', async () => {
    const f = fleet({ gracePeriodSeconds: 900 });
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    await adopt(f, ['web-1', 'web-2']);
    f.asg.setCapacity({ desired: 3 });
    await f.asg.tick();
    await f.asg.settle();
    assert.ok(f.asg.instances.has('web-4'));
    f.status['web-4'] = 500;
    for (let i = 0; i < 3; i++) await f.tg.checkOnce();
    assert.equal(f.tg.health('web-4'), 'unhealthy');
    await f.clock.advance(800_000);
    await f.asg.tick();
    assert.ok(f.asg.instances.has('web-4'), 'still in its grace period');
    await f.clock.advance(101_000);
    await f.asg.tick();
    assert.ok(!f.asg.instances.has('web-4'), 'replaced once the grace period is over');
  });

  it('maintenance on every node: the whole fleet is replaced, replacements get the old revision, the downgrade is refused and they are abandoned', async () => {
    const f = fleet();
    await adopt(f, ['web-1', 'web-2', 'web-3']);
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    for (const id of ['web-1', 'web-2', 'web-3']) f.status[id] = 503;
    for (let i = 0; i < 3; i++) await f.tg.checkOnce();
    f.refuse.add('1');
    await f.asg.tick();
    await f.asg.settle();
    assert.equal(f.asg.replaced, 3, 'every node replaced');
    assert.equal(f.asg.launchFailures, 3, 'every replacement abandoned');
    assert.ok(f.events.filter((e) => e.startsWith('asg-abandon')).length === 3);
    assert.equal(f.asg.inService().length, 0, 'nothing left in service');
  });

  it('keeps desired between min and max and spreads launches over the zones', async () => {
    const f = fleet({ desired: 2 });
    await adopt(f, []);
    await f.asg.tick();
    await f.asg.settle();
    assert.deepEqual(f.asg.inService().map((i) => i.zone).sort(), ['a', 'b']);
    f.asg.setCapacity({ min: 1, max: 3, desired: 9 });
    assert.equal(f.asg.desired, 3);
  });

  it('scales in by draining: the node leaves the target group at once and stops only after the deregistration delay', async () => {
    const f = fleet({ desired: 3 }, inPlace, { ...health, deregistrationDelaySeconds: 30 });
    await adopt(f, ['web-1', 'web-2', 'web-3']);
    f.asg.setCapacity({ desired: 2 });
    await f.asg.tick();
    const leaving = [...f.asg.instances.values()].find((i) => i.state === 'Terminating');
    assert.ok(leaving, f.events.join(', '));
    assert.equal(f.tg.health(leaving.id), 'draining');
    assert.ok(f.running.has(leaving.id), 'still running while requests in flight finish');
    await f.clock.advance(29_000);
    assert.ok(f.running.has(leaving.id), 'not stopped before the delay is over');
    await f.clock.advance(2_000);
    await f.asg.settle();
    assert.ok(!f.running.has(leaving.id));
    assert.equal(f.asg.instances.size, 2);
    assert.equal(f.tg.health(leaving.id), undefined);
    assert.ok(f.events.includes(`tg-deregister ${leaving.id}`), f.events.join(', '));
  });
});

describe('sim/aws deployment group', () => {
  it('in place, one at a time: deregister, install, register, healthy, for every node in turn', async () => {
    const f = fleet();
    await adopt(f, ['web-1', 'web-2']);
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    const before = f.events.length;
    const run = f.dg.deploy({ id: 'r2', version: '2', codeDir: '/y' });
    for (let i = 0; i < 20 && !f.events.includes('cd-succeeded'); i++) { await f.tg.checkOnce(); await f.clock.advance(4_000); }
    const outcome = await run;
    assert.equal(outcome.status, 'Succeeded');
    assert.deepEqual(f.installed, { 'web-1': '2', 'web-2': '2' });
    assert.equal(f.dg.lastSuccessful?.id, 'r2');
    const order = f.events.slice(before).filter((e) => /^(tg-deregister|cd-install|tg-register|cd-node-done) web-/.test(e));
    assert.deepEqual(order.slice(0, 4), ['tg-deregister web-1', 'cd-install web-1', 'tg-register web-1', 'cd-node-done web-1']);
  });

  it('a failing node fails the deployment and rolls back to the last successful revision', async () => {
    const f = fleet();
    await adopt(f, ['web-1', 'web-2']);
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    f.refuse.add('2');
    const run = f.dg.deploy({ id: 'r2', version: '2', codeDir: '/y' });
    for (let i = 0; i < 30; i++) { await f.tg.checkOnce(); await f.clock.advance(4_000); }
    const outcome = await run;
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.rollback?.kind, 'rollback');
    assert.equal(outcome.rollback?.revision.id, 'r1');
    assert.equal(f.dg.lastSuccessful?.id, 'r1');
  });

  it('a deployment with no instance in service fails instead of succeeding on nothing', async () => {
    const f = fleet();
    const outcome = await f.dg.deploy({ id: 'r2', version: '2', codeDir: '/y' });
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.detail ?? '', /no instance in service/);
  });

  it('no rollback when the group does not enable it', async () => {
    const f = fleet({}, { ...inPlace, autoRollback: { enabled: false, events: [] } });
    await adopt(f, ['web-1']);
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    f.refuse.add('2');
    const outcome = await f.dg.deploy({ id: 'r2', version: '2', codeDir: '/y' });
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.rollback, undefined);
  });

  it('blue/green: a new fleet gets the revision, traffic moves, the old fleet is terminated', async () => {
    const f = fleet({}, { ...inPlace, type: 'BLUE_GREEN' });
    await adopt(f, ['web-1', 'web-2']);
    f.dg.lastSuccessful = { id: 'r1', version: '1', codeDir: '/x' };
    const run = f.dg.deploy({ id: 'r2', version: '2', codeDir: '/y' });
    for (let i = 0; i < 20 && !f.events.includes('cd-succeeded'); i++) { await f.tg.checkOnce(); await f.clock.advance(4_000); }
    const outcome = await run;
    assert.equal(outcome.status, 'Succeeded');
    assert.deepEqual(f.asg.inService().map((i) => i.id).sort(), ['web-4', 'web-5']);
    assert.ok(!f.running.has('web-1') && !f.running.has('web-2'));
    assert.equal(f.installed['web-1'], '1', 'the old fleet was never changed');
  });

  it('launches that keep failing are retried with a growing wait, not every round (the replica gone mid-drill piled up 107 nodes)', async () => {
    const clock = new ManualClock();
    let attempts = 0;
    let broken = true;
    const running = new Set<string>();
    const ports: AutoScalingPorts = {
      running: async (id) => running.has(id),
      launch: async () => { attempts++; if (broken) throw new Error('network mha-x not found'); const id = `web-${attempts}`; running.add(id); return { id, ip: id }; },
      launchHook: async () => ({ ok: true, detail: 'ok' }),
      terminate: async (id) => { running.delete(id); },
    };
    const asg = new AutoScalingGroup({ min: 1, max: 2, desired: 1, healthCheckType: 'EC2', gracePeriodSeconds: 0, zones: ['a'] }, ports, undefined, clock);
    const round = async () => { await asg.tick(); await asg.settle(); await clock.advance(10_000); };
    for (let i = 0; i < 12; i++) await round(); // two minutes of 10 s rounds
    // 10 s, 20 s, 40 s, 80 s after each failure: 4 attempts in 120 s, where one a round would be 12.
    assert.equal(attempts, 4);
    assert.equal(asg.launchFailures, 4);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map(launchRetryDelayMs), [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    broken = false;
    for (let i = 0; i < 18 && !asg.inService().length; i++) await round();
    assert.equal(asg.inService().length, 1, 'a launch that works again brings the group back to desired');
  });
});
