import * as assert from 'node:assert/strict';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { launchWebNode } from '../../../src/engine/sim/aws/docker-ports';
import { dataVolume, type ReplicaState } from '../../../src/engine/sim/replica/replica-state';
import type { SimContext } from '../../../src/engine/sim/replica/sim-context';

// An Auto Scaling launch that outlives its replica (a drill cancelled, `sim down` meanwhile) used to
// mount `<project>-moodledata` by name, and Docker created an empty, unlabelled volume in its place:
// no sweep removed it and the project's next replica reused it (CI: a root-owned deploy lock in it).
describe('sim: an Auto Scaling launch into a removed replica (needs Docker Engine)', function () {
  this.timeout(60_000);
  const ctx: SimContext = { docker: createDockerClient(), simDir: locateSimAssets(__dirname) };
  const project = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-gone`;
  // Only what the launch reads before it touches Docker: the replica itself is gone.
  const state = { project, prefix: '10.250.9' } as ReplicaState;

  before(async () => {
    await checkDocker(ctx.docker);
    await ctx.docker.getVolume(dataVolume(project)).remove({ force: true }).catch(() => undefined);
  });
  after(async () => { await ctx.docker.getVolume(dataVolume(project)).remove({ force: true }).catch(() => undefined); });

  it('is refused, says why, and leaves no volume behind', async () => {
    await assert.rejects(launchWebNode(ctx, state, 7), /shared storage is gone/);
    await assert.rejects(ctx.docker.getVolume(dataVolume(project)).inspect(), (error: { statusCode?: number }) => error.statusCode === 404);
  });

  it('is refused for a volume of that name that is not the project\'s (Docker-made, no labels)', async () => {
    await ctx.docker.createVolume({ Name: dataVolume(project) });
    await assert.rejects(launchWebNode(ctx, state, 7), /shared storage is gone/);
  });
});
