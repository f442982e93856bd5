// The in-memory fake held to the container port's contract; test/integration/sim/container-port-contract.test.ts
// runs the same cases against the dockerode adapter on a real Docker Engine.
import { containerPortContract } from '../../../support/container-port-contract';
import { FakeContainers } from '../../../support/fake-containers';

const IMAGE = 'moodle-ha/cache-memcached:contract';

describe('sim: the container port contract, in-memory fake', () => {
  let port: FakeContainers;
  beforeEach(() => { port = new FakeContainers([IMAGE]); });
  containerPortContract(() => ({
    port,
    spec: (node) => ({ project: 'contract-fake', session: 's1', node, role: 'cache', image: IMAGE, ip: '10.9.0.5', network: 'contract-fake-net', health: 'true' }),
    missingImage: 'moodle-ha/none:missing',
  }));
});
