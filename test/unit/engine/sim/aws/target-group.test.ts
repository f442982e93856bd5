import * as assert from 'node:assert/strict';
import { ManualClock } from '../../../../../src/engine/sim/aws/clock';
import { TargetGroup, type CheckAnswer } from '../../../../../src/engine/sim/aws/target-group';
import { ALB_HEALTH_DEFAULTS, matcherAccepts } from '../../../../../src/engine/sim/aws/aws-behaviour';

const spec = { ...ALB_HEALTH_DEFAULTS, path: '/login/index.php', matcher: '200', intervalSeconds: 15, healthyThreshold: 2, unhealthyThreshold: 3, deregistrationDelaySeconds: 30 };

function group(answers: Record<string, CheckAnswer>) {
  const clock = new ManualClock();
  const routes: string[][] = [];
  const events: string[] = [];
  const checked: string[] = [];
  const tg = new TargetGroup(spec, {
    check: async (t, s) => { checked.push(`${t.id}${s.path}`); return answers[t.id]; },
    route: async (targets) => { routes.push(targets.map((t) => t.id)); },
  }, clock, (kind, node) => events.push(`${kind} ${node ?? ''}`.trim()));
  return { tg, clock, routes, events, checked };
}

describe('sim/aws target group health check', () => {
  it('marks a node unhealthy only after UnhealthyThresholdCount failures in a row, every interval', async () => {
    const answers: Record<string, CheckAnswer> = { 'web-1': { status: 200 }, 'web-2': { status: 200 } };
    const { tg, clock, routes, checked } = group(answers);
    await tg.register('web-1', '10.0.0.11', { healthy: true });
    await tg.register('web-2', '10.0.0.12', { healthy: true });
    const ac = new AbortController();
    const loop = tg.run(ac.signal);
    await clock.advance(0);
    answers['web-2'] = { status: 503 };
    await clock.advance(15_000);
    await clock.advance(15_000);
    assert.equal(tg.health('web-2'), 'healthy', 'two failures are not yet three');
    await clock.advance(15_000);
    assert.equal(tg.health('web-2'), 'unhealthy');
    assert.deepEqual(routes[routes.length - 1], ['web-1'], 'traffic only to the healthy node');
    assert.ok(checked.every((c) => c.endsWith('/login/index.php')), 'the template path is checked');
    assert.equal(checked.filter((c) => c.startsWith('web-2')).length, 4, 'one check per interval: at 0, 15, 30, 45 s');
    ac.abort();
    await clock.advance(15_000);
    await loop;
  });

  it('a node is out of service when the load balancer has applied the new node list, not when the verdict is made (kill-web\'s "LB noticed")', async () => {
    let release!: () => void;
    const applied: string[][] = [];
    const tg = new TargetGroup(spec, {
      check: async () => ({ status: 200 }),
      route: async (targets) => {
        // The second routing (web-2 gone) waits as an nginx reload does.
        if (applied.length === 2) await new Promise<void>((resolve) => { release = resolve; });
        applied.push(targets.map((t) => t.id));
      },
    }, new ManualClock());
    await tg.register('web-1', 'a', { healthy: true });
    await tg.register('web-2', 'b', { healthy: true });
    assert.deepEqual(tg.inService().sort(), ['web-1', 'web-2']);
    const removing = tg.remove('web-2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(tg.routable().map((t) => t.id), ['web-1'], 'the verdict is made');
    assert.deepEqual(tg.inService().sort(), ['web-1', 'web-2'], 'but the load balancer still sends web-2 new requests');
    release();
    await removing;
    assert.deepEqual(tg.inService(), ['web-1']);
  });

  it('fails open: with no healthy node, traffic goes to every registered node', async () => {
    const { tg, routes, events } = group({ 'web-1': { status: 503 }, 'web-2': { status: 503 } });
    await tg.register('web-1', 'a', { healthy: true });
    await tg.register('web-2', 'b', { healthy: true });
    for (let i = 0; i < 3; i++) await tg.checkOnce();
    assert.equal(tg.health('web-1'), 'unhealthy');
    assert.deepEqual(routes[routes.length - 1].sort(), ['web-1', 'web-2']);
    assert.ok(events.includes('tg-fail-open'));
  });

  it('a new node gets traffic only after HealthyThresholdCount passes', async () => {
    const { tg, routes } = group({ 'web-1': { status: 200 }, 'web-3': { status: 200 } });
    await tg.register('web-1', 'a', { healthy: true });
    await tg.register('web-3', 'c');
    assert.equal(tg.health('web-3'), 'initial');
    await tg.checkOnce();
    assert.deepEqual(routes[routes.length - 1], ['web-1']);
    await tg.checkOnce();
    assert.equal(tg.health('web-3'), 'healthy');
    assert.deepEqual(routes[routes.length - 1].sort(), ['web-1', 'web-3']);
  });

  it('a redirect fails a 200 matcher (the ALB does not follow it) and a connection error counts as a failure', async () => {
    const { tg } = group({ 'web-1': { status: 303 }, 'web-2': { error: 'ECONNREFUSED' } });
    await tg.register('web-1', 'a', { healthy: true });
    await tg.register('web-2', 'b', { healthy: true });
    for (let i = 0; i < 3; i++) await tg.checkOnce();
    assert.equal(tg.health('web-1'), 'unhealthy');
    assert.equal(tg.health('web-2'), 'unhealthy');
    assert.match(tg.list().find((t) => t.id === 'web-1')!.reason!, /HTTP 303/);
  });

  it('deregistering stops traffic at once and removes the node after the delay', async () => {
    const { tg, clock, routes } = group({ 'web-1': { status: 200 }, 'web-2': { status: 200 } });
    await tg.register('web-1', 'a', { healthy: true });
    await tg.register('web-2', 'b', { healthy: true });
    const done = tg.deregister('web-2');
    await clock.advance(0);
    assert.deepEqual(routes[routes.length - 1], ['web-1']);
    assert.equal(tg.health('web-2'), 'draining');
    await clock.advance(29_000);
    assert.equal(tg.health('web-2'), 'draining');
    await clock.advance(1_000);
    await done;
    assert.equal(tg.health('web-2'), undefined);
  });

  it('matchers: single codes, lists and ranges', () => {
    assert.ok(matcherAccepts('200', 200));
    assert.ok(!matcherAccepts('200', 503));
    assert.ok(matcherAccepts('200,302', 302));
    assert.ok(matcherAccepts('200-399', 303));
    assert.ok(!matcherAccepts('200-299', 303));
  });
});
