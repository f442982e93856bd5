import type Docker from 'dockerode';
import { checkDocker, createDockerClient } from '../../../src/engine/sim/docker/docker-client';
import { dockerodeContainers } from '../../../src/engine/sim/docker/dockerode-containers';
import { ensureBaseImage, ensureImage } from '../../../src/engine/sim/docker/images';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { runRecipe } from '../../../src/engine/sim/replica/run-recipe';
import { silentLogger } from '../../../src/engine/common/logger';
import { LABEL_PROJECT } from '../../../src/engine/sim/docker/labels';
import { containerPortContract } from '../../support/container-port-contract';

// The same cases as the fake's (test/unit/engine/sim/container-port-contract.test.ts), answered by
// Docker itself: where the two differ, the fake is wrong and the unit tests that use it would lie.
describe('sim: the container port contract, dockerode on Docker Engine (needs Docker Engine)', function () {
  this.timeout(600_000);
  const docker: Docker = createDockerClient();
  const project = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-contract`;
  const network = `${project}-net`;
  let image = '';

  const sweep = async () => {
    for (const p of [project, `${project}x`]) {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${p}`] } })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
    await docker.getNetwork(network).remove().catch(() => undefined);
  };

  before(async () => {
    await checkDocker(docker);
    const simDir = locateSimAssets(__dirname);
    const base = await ensureBaseImage(docker, simDir, { isRoot: process.getuid?.() === 0, runRecipe }, () => undefined, silentLogger);
    image = (await ensureImage(docker, simDir, 'cache-memcached', base)).tag;
    await sweep();
    await docker.createNetwork({ Name: network, Driver: 'bridge', IPAM: { Driver: 'default', Config: [{ Subnet: '10.250.77.0/24', Gateway: '10.250.77.1' }] }, Labels: { [LABEL_PROJECT]: project } });
  });
  after(sweep);

  let next = 10;
  containerPortContract(() => ({
    port: dockerodeContainers(docker),
    spec: (node) => ({ project, session: 's1', node, role: 'cache', image, ip: `10.250.77.${next++}`, network, health: 'true' }),
    missingImage: 'moodle-ha/none:missing',
  }));
});
