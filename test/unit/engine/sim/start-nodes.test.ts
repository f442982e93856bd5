// Daemon-free: the container port's in-memory fake (test/support/fake-containers.ts) makes one node
// fail its health check, or cancels between two nodes' readiness, which a real daemon cannot do on
// demand. The Docker integration tests (test/integration/sim) run the same code against Docker.
import * as assert from 'node:assert/strict';
import type { NodeSpec } from '../../../../src/engine/sim/docker/containers';
import { startNodes, startOrSweep } from '../../../../src/engine/sim/replica/start-nodes';
import { isCancellation } from '../../../../src/engine/common/cancellation';
import { isMhaError } from '../../../../src/engine/common/errors';
import { FakeContainers, type FakeBehaviour } from '../../../support/fake-containers';

const PROJECT = 'unit-start';
const IMAGE = 'moodle-ha/web:test';

function spec(node: string, role: NodeSpec['role'] = 'web'): NodeSpec {
  return { project: PROJECT, session: 's1', node, role, image: IMAGE, ip: '10.9.0.5', network: `${PROJECT}-net`, health: 'true' };
}

function fake(behaviours: Record<string, FakeBehaviour> = {}): FakeContainers {
  return new FakeContainers([IMAGE], (s) => behaviours[s.node] ?? { settles: 'healthy', inspectsBeforeSettling: 1 });
}

describe('sim: starting nodes through the container port (in-memory fake)', () => {
  it('a node that fails readiness is removed, and the error with its last log lines is rethrown', async () => {
    const docker = fake({ 'cache-1': { settles: 'exits', logs: ['memcached: unknown option -Z'] } });
    const error = await startNodes(docker, [spec('db', 'db'), spec('cache-1', 'cache')]).then(() => undefined, (e: unknown) => e);
    assert.ok(isMhaError(error) && error.code === 'sim.readiness', `expected sim.readiness, got ${String(error)}`);
    assert.match(error.message, /cache-1 was not ready .*and was removed/);
    assert.match(error.message, /memcached: unknown option -Z/);
    assert.deepEqual(docker.names(), [`${PROJECT}-db`], 'the failed node is gone; the healthy one is left for the caller to sweep');
  });

  it('a node Docker refuses to start is removed, and the mapped error is rethrown', async () => {
    const docker = fake({ lb: { settles: 'healthy', startFails: 'driver failed programming external connectivity: Bind for 127.0.0.1:8080 failed: port is already allocated' } });
    const error = await startNodes(docker, [spec('lb', 'lb')]).then(() => undefined, (e: unknown) => e);
    assert.ok(isMhaError(error) && error.code === 'docker.portInUse', String(error));
    assert.deepEqual(docker.names(), []);
  });

  it('readiness fails in the start phase of up: every container of the project is swept, then the error goes on', async () => {
    const docker = fake({ 'web-2': { settles: 'exits', logs: ['AH00534: apache2: Configuration error'] } });
    let alsoSwept = false;
    const error = await startOrSweep(docker, PROJECT, async () => {
      await startNodes(docker, [spec('db', 'db'), spec('cache-1', 'cache')]);
      await startNodes(docker, [spec('web-1'), spec('web-2')]);
      return 'up';
    }, async () => { alsoSwept = true; }).then(() => undefined, (e: unknown) => e);
    assert.ok(isMhaError(error) && error.code === 'sim.readiness', String(error));
    assert.match(error.message, /AH00534/);
    assert.deepEqual(docker.names(), []);
    assert.ok(alsoSwept, 'the network sweep runs too');
  });

  it('cancelled mid-up (while web nodes wait for readiness): everything started is swept and the cancellation goes on', async () => {
    const docker = fake({ 'web-1': { settles: 'starting' }, 'web-2': { settles: 'starting' } });
    const controller = new AbortController();
    docker.onInspect = (node) => { if (node === 'web-2') controller.abort(); };
    const error = await startOrSweep(docker, PROJECT, async () => {
      await startNodes(docker, [spec('db', 'db'), spec('cache-1', 'cache')], controller.signal);
      await startNodes(docker, [spec('web-1'), spec('web-2')], controller.signal);
      await startNodes(docker, [spec('lb', 'lb')], controller.signal);
      return 'up';
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(isCancellation(error), `a cancellation, not a failure: ${String(error)}`);
    assert.ok(docker.events.includes('start web-2'), 'cancelled mid-flight, after the web nodes started');
    assert.ok(!docker.events.includes('create lb'), 'nothing after the cancellation is created');
    assert.deepEqual(docker.names(), [], 'no container of the project is left');
  });

  it('sweeping leaves other projects alone', async () => {
    const docker = fake();
    const other = await docker.create({ ...spec('db', 'db'), project: 'someone-else' });
    await docker.start(other);
    await startOrSweep(docker, PROJECT, async () => { await startNodes(docker, [spec('db', 'db')]); throw new Error('later step failed'); }).catch(() => undefined);
    assert.deepEqual(docker.names(), ['someone-else-db']);
  });
});

describe('sim: the in-memory container fake is as strict as Docker', () => {
  it('refuses a second container with the same name (409)', async () => {
    const docker = fake();
    await docker.create(spec('web-1'));
    await assert.rejects(docker.create(spec('web-1')), (e: { statusCode?: number }) => e.statusCode === 409);
  });
  it('refuses an image it does not have (404)', async () => {
    await assert.rejects(fake().create({ ...spec('web-1'), image: 'nope:1' }), (e: { statusCode?: number }) => e.statusCode === 404);
  });
  it('refuses exec in a container that is not running (409)', async () => {
    const docker = fake();
    const id = await docker.create(spec('web-1'));
    await assert.rejects(docker.exec(id, ['true']), (e: { statusCode?: number }) => e.statusCode === 409);
  });
  it('refuses to remove a running container without force (409), and frees the name after a forced remove', async () => {
    const docker = fake();
    const id = await docker.create(spec('web-1'));
    await docker.start(id);
    await assert.rejects(docker.remove(id), (e: { statusCode?: number }) => e.statusCode === 409);
    await docker.remove(id, { force: true });
    assert.ok(await docker.create(spec('web-1')));
  });
  it('answers 304 to starting a running container and 404 to an unknown one', async () => {
    const docker = fake();
    const id = await docker.create(spec('web-1'));
    await docker.start(id);
    await assert.rejects(docker.start(id), (e: { statusCode?: number }) => e.statusCode === 304);
    await assert.rejects(docker.inspect('missing'), (e: { statusCode?: number }) => e.statusCode === 404);
  });
});
