import type { DrillDefinition } from './drill';
import { findNode } from '../replica/node-ops';
import { waitHealthy } from '../docker/containers';
import { dockerodeContainers } from '../docker/dockerode-containers';

/** Restart the database (a Multi-AZ failover's stand-in): errors while it is down, full recovery, no data lost. */
export const restartDbDrill: DrillDefinition = {
  name: 'restart-db',
  title: 'Restart the database',
  defaultSeconds: 30,
  async act(env) {
    await env.at(8);
    const container = env.docker.getContainer(findNode(env.state, 'db').container);
    const disruptAt = env.now();
    await container.stop({ t: 5 });
    env.event('stop', 'db');
    const restoreAt = env.now();
    await container.start();
    env.event('start', 'db');
    await waitHealthy(dockerodeContainers(env.docker), container.id, 'db', 90_000, env.signal);
    env.event('healthy', 'db');
    const notes: string[] = [];
    notes.push('While the database is down every node answers 503, as Moodle does. The LB does not retry or count 503s (a retry finds no better node), so no node is marked down and service returns as soon as the database does.');
    return { disruptAt, restoreAt, notes };
  },
  expect(s) {
    return [
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
      { text: 'no session lost', ok: s.sessionsLost === 0 },
      { text: 'recovered within 15 s of the restart', ok: s.recoverSeconds !== null && s.recoverSeconds <= 15 },
    ];
  },
};
