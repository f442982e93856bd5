import * as assert from 'node:assert/strict';
import { chooseSubnetPrefix, planAddresses, sessionSavePath, webAddress } from '../../../../src/engine/sim/plan/addresses';
import { planReplica } from '../../../../src/engine/sim/plan/plan-replica';
import { cache, topology } from './topology-fixtures';

describe('sim/addresses', () => {
  it('gives every node a fixed address, web nodes from .11', () => {
    const plan = planReplica(topology(), { nodes: 3 });
    const list = planAddresses(plan, '10.213.9');
    assert.deepEqual(list.map((a) => `${a.name}=${a.ip}`), ['lb=10.213.9.2', 'db=10.213.9.3', 'cache-1=10.213.9.4', 'web-1=10.213.9.11', 'web-2=10.213.9.12', 'web-3=10.213.9.13']);
    assert.equal(webAddress('10.0.0', 5), '10.0.0.15');
  });

  it('adds a replica and an endpoint for Redis with failover, and points sessions at the endpoint', () => {
    const plan = planReplica(topology({ sessionCache: cache('redis', { failover: true }) }));
    assert.deepEqual(planAddresses(plan, 'p').filter((a) => a.role === 'cache').map((a) => a.name), ['cache-1', 'cache-2', 'cache-endpoint']);
    assert.match(sessionSavePath(plan, '10.1.1'), /^tcp:\/\/10\.1\.1\.6:6379/);
    assert.equal(sessionSavePath(planReplica(topology()), '10.1.1'), '10.1.1.4:11211');
  });

  it('chooses a /24 no other network uses, the same one for the same project', () => {
    const first = chooseSubnetPrefix('moodle-ha', []);
    assert.equal(chooseSubnetPrefix('moodle-ha', []), first);
    const second = chooseSubnetPrefix('moodle-ha', [`${first}.0/24`]);
    assert.notEqual(second, first);
    assert.match(second, /^10\.213\.\d+$/);
  });
});
