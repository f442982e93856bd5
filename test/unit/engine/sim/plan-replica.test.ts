import * as assert from 'node:assert/strict';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { MAX_LOCAL_NODES } from '../../../../src/engine/sim/plan/replica-plan';
import { MhaError } from '../../../../src/engine/common/errors';
import { cache, database, topology, webTier } from './topology-fixtures';

describe('sim/plan-replica', () => {
  it('uses HA-shaped defaults when the template has none of the parts', () => {
    const plan = planReplica(topology());
    assert.equal(plan.web.nodes, 2);
    assert.equal(plan.web.server, 'apache');
    assert.deepEqual(plan.database, { family: 'mysql', engine: 'mariadb' });
    assert.deepEqual(plan.cache, { kind: 'memcached', replica: false });
    assert.equal(plan.app.kind, 'probe');
    assert.equal(plan.project, 'moodle-ha');
    assert.ok(plan.notes.some((n) => n.includes('no web tier')));
  });

  it('takes the desired capacity and the web server from the web tier', () => {
    const plan = planReplica(topology({ webTier: webTier(2, 6, 3, 'nginx') }));
    assert.equal(plan.web.nodes, 3);
    assert.equal(plan.web.server, 'nginx');
    assert.equal(plan.web.min, 2);
    assert.equal(plan.web.max, 6);
  });

  it('clamps the node count to the template range and the local ceiling', () => {
    assert.equal(planReplica(topology({ webTier: webTier(2, 40, 20) })).web.nodes, MAX_LOCAL_NODES);
    assert.equal(planReplica(topology({ webTier: webTier(2, 4, 3) }), { nodes: 9 }).web.nodes, 4);
    assert.equal(planReplica(topology({ webTier: webTier(3, 5, 3) }), { nodes: 1 }).web.nodes, 3);
    assert.equal(planReplica(topology({ webTier: webTier(1, 10, 8) }), { maxLocalNodes: 3 }).web.nodes, 3);
  });

  it('falls back when capacity values are unknown (a Ref to a parameter)', () => {
    const plan = planReplica(topology({ webTier: webTier('unknown', 'unknown', 'unknown') }));
    assert.equal(plan.web.nodes, 2);
  });

  it('rejects a node count that is not a positive whole number', () => {
    assert.throws(() => planReplica(topology(), { nodes: 0 }), (e: unknown) => e instanceof MhaError && e.code === 'usage');
    assert.throws(() => planReplica(topology(), { nodes: 1.5 }), MhaError);
  });

  it('picks the database image family from the engine', () => {
    assert.equal(planReplica(topology({ database: database('aurora-postgresql') })).database.family, 'postgres');
    assert.equal(planReplica(topology({ database: database('postgres') })).database.family, 'postgres');
    assert.equal(planReplica(topology({ database: database('aurora-mysql') })).database.family, 'mysql');
    assert.equal(planReplica(topology({ database: database('mariadb') })).database.engine, 'mariadb');
  });

  it('runs one memcached for memcached, and a Redis replica only when the template has failover', () => {
    assert.deepEqual(planReplica(topology({ sessionCache: cache('memcached', { nodes: 3 }) })).cache, { kind: 'memcached', replica: false });
    assert.deepEqual(planReplica(topology({ sessionCache: cache('redis') })).cache, { kind: 'redis', replica: false });
    assert.deepEqual(planReplica(topology({ sessionCache: cache('redis', { failover: true }) })).cache, { kind: 'redis', replica: true, lockSweep: false });
    assert.deepEqual(planReplica(topology({ sessionCache: cache('valkey', { multiAz: true }) })).cache, { kind: 'redis', replica: true, lockSweep: false });
    assert.deepEqual(planReplica(topology({ sessionCache: cache('redis', { nodes: 2 }) })).cache, { kind: 'redis', replica: true, lockSweep: false });
    assert.deepEqual(planReplica(topology({ sessionCache: cache('redis', { failover: 'unknown' }) })).cache, { kind: 'redis', replica: false });
  });

  it("sweeps the dead requests' session locks after a Redis failover when the template does, or by the scaffold's design without one", () => {
    const withSweep = Object.assign(cache('redis', { failover: true, nodes: 2 }), { failoverLockSweep: true as const });
    assert.equal(planReplica(topology({ sessionCache: withSweep })).cache.lockSweep, true);
    assert.equal(planReplica(topology({ sessionCache: Object.assign(cache('redis', { failover: true, nodes: 2 }), { failoverLockSweep: 'unknown' as const }) })).cache.lockSweep, false);
    assert.equal(planReplica(topology(), { cache: { kind: 'redis', replica: true } }).cache.lockSweep, true);
    assert.equal(planReplica(topology({ sessionCache: withSweep }), { lockSweep: false }).cache.lockSweep, false);
    assert.equal(planReplica(topology(), { cache: { kind: 'redis', replica: false } }).cache.lockSweep, undefined, 'one Redis: nothing fails over');
    assert.ok(planReplica(topology({ sessionCache: cache('redis', { failover: true }) })).notes.some((n) => /failover lock sweep: off \(the template has none\)/.test(n)));
  });

  it('lets options override the cache, LB port, sticky mode and app', () => {
    const plan = planReplica(topology({ sessionCache: cache('memcached') }), {
      cache: { kind: 'redis', replica: true }, lbPort: 9000, sticky: true, moodle: { dir: '/src/moodle', publicDir: true }, project: 'demo-2',
    });
    assert.deepEqual(plan.cache, { kind: 'redis', replica: true, lockSweep: false });
    assert.deepEqual(plan.lb, { port: 9000, sticky: true });
    assert.deepEqual(plan.app, { kind: 'moodle', dir: '/src/moodle', publicDir: true });
    assert.equal(plan.project, 'demo-2');
  });

  it('records the template it was planned from (the live picture reads it back from the plan), and none for the HA defaults', () => {
    assert.equal(planReplica(topology(), { template: '/work/project/moodle/template.yaml' }).template, '/work/project/moodle/template.yaml');
    assert.ok(!('template' in planReplica(topology())), 'the HA defaults have no template');
  });

  it('refuses a project name Docker cannot use', () => {
    assert.throws(() => planReplica(topology(), { project: 'Bad Name' }), MhaError);
  });

  it('is pure: the same topology gives the same plan', () => {
    const t = topology({ webTier: webTier(2, 4, 2), database: database('mysql'), sessionCache: cache('redis', { failover: true }) });
    assert.deepEqual(planReplica(t), planReplica(t));
  });
});
