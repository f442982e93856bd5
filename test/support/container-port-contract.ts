import * as assert from 'node:assert/strict';
import type { ContainerPort } from '../../src/engine/sim/docker/container-port';
import type { NodeSpec } from '../../src/engine/sim/docker/containers';
import { LABEL_PROJECT } from '../../src/engine/sim/docker/labels';

/** What one run of the contract needs: the port under test and node specs it can create and start. */
export interface ContractSubject {
  port: ContainerPort;
  /** A node whose image exists and whose process keeps running once started. */
  spec(node: string): NodeSpec;
  /** An image reference nothing has. */
  missingImage: string;
}

const status = (code: number) => (error: { statusCode?: number; message?: string }) => {
  assert.equal(error.statusCode, code, `expected Docker's ${code}, got ${error.statusCode}: ${error.message}`);
  return true;
};

/**
 * The ContainerPort's behaviour where the replica's code depends on it, written once and run against
 * both the dockerode adapter on a real Docker Engine (test/integration/sim) and the in-memory fake
 * (test/unit): the fake's strictness is only worth something if Docker answers the same.
 */
export function containerPortContract(subject: () => ContractSubject): void {
  it('a created container is stopped, named and labelled; a second one of that name is refused with 409', async () => {
    const { port, spec } = subject();
    const id = await port.create(spec('one'));
    const s = await port.inspect(id);
    assert.deepEqual({ running: s.running, status: s.status, name: s.name, project: s.labels[LABEL_PROJECT] }, { running: false, status: 'created', name: `${spec('one').project}-one`, project: spec('one').project });
    assert.equal((await port.inspect(s.name)).id, id, 'inspect by name finds the same container');
    await assert.rejects(port.create(spec('one')), status(409));
    await port.remove(id);
  });

  it('an image that is not there is refused with 404, and nothing is left behind', async () => {
    const { port, spec, missingImage } = subject();
    await assert.rejects(port.create({ ...spec('noimage'), image: missingImage }), status(404));
    await assert.rejects(port.inspect(`${spec('noimage').project}-noimage`), status(404));
  });

  it('start runs it; starting a running container is 304; exec on a created, not started container is 409', async () => {
    const { port, spec } = subject();
    const id = await port.create(spec('two'));
    await assert.rejects(port.exec(id, ['true']), status(409));
    await port.start(id);
    assert.equal((await port.inspect(id)).running, true);
    await assert.rejects(port.start(id), status(304));
    assert.equal((await port.exec(id, ['true'])).exitCode, 0);
    await port.remove(id, { force: true });
  });

  it('list finds containers by every given label and nobody else\'s', async () => {
    const { port, spec } = subject();
    const a = await port.create(spec('three'));
    const b = await port.create({ ...spec('four'), project: `${spec('four').project}x` });
    const mine = await port.list({ [LABEL_PROJECT]: spec('three').project });
    assert.deepEqual(mine.map((c) => c.id), [a]);
    assert.equal(mine[0].status, 'created');
    await port.remove(a);
    await port.remove(b);
  });

  it('removing a running container needs force (409); a removed one is 404 and its name is free again', async () => {
    const { port, spec } = subject();
    const id = await port.create(spec('five'));
    await port.start(id);
    await assert.rejects(port.remove(id), status(409));
    assert.equal((await port.inspect(id)).running, true, 'the refused remove left it running');
    await port.remove(id, { force: true });
    await assert.rejects(port.inspect(id), status(404));
    await assert.rejects(port.remove(id, { force: true }), status(404));
    const again = await port.create(spec('five'));
    await port.remove(again);
  });
}
