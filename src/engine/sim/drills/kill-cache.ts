import type { DrillDefinition } from './drill';
import { findNode } from '../replica/node-ops';
import { waitHealthy } from '../docker/containers';

/**
 * Kill the session cache's primary. One memcached: every page fails while it is down and every user
 * is logged out after its restart (a single point of failure). Redis primary + replica with automatic
 * promotion: a short blip, and sessions survive.
 */
export const killCacheDrill: DrillDefinition = {
  name: 'kill-cache',
  title: 'Kill the session cache (primary)',
  defaultSeconds: 30,
  async act(env) {
    await env.at(8);
    const node = findNode(env.state, 'cache-1');
    const container = env.docker.getContainer(node.container);
    const disruptAt = env.now();
    await container.kill({ signal: 'SIGKILL' });
    env.event('kill', 'cache-1', env.state.plan.cache.kind === 'redis' && env.state.plan.cache.replica ? 'redis primary' : `${env.state.plan.cache.kind} (the only node)`);
    await env.at(disruptAt + 8);
    const restoreAt = env.now();
    await container.start();
    env.event('restart', 'cache-1');
    await waitHealthy(container, 'cache-1', 60_000, env.signal);
    env.event('healthy', 'cache-1');
    const replicated = env.state.plan.cache.kind === 'redis' && env.state.plan.cache.replica;
    return {
      disruptAt,
      // With a replica, recovery is the promotion (measured from the kill), not the restart.
      restoreAt: replicated ? undefined : restoreAt,
      notes: replicated ? ['cache-1 returns as a replica of the promoted node (redis-sentinel)'] : ['a restarted memcached is empty: every session it held is gone'],
    };
  },
  expect(s, state, _events, users) {
    const replicated = state.plan.cache.kind === 'redis' && state.plan.cache.replica;
    if (replicated) {
      return [
        { text: 'no session lost (replica promoted)', ok: s.sessionsLost === 0 },
        { text: 'no upload lost', ok: s.uploadsLost === 0 },
        // Every user, not only the first: a promoted replica that still holds the dead requests'
        // session locks makes those users wait until the locks expire, though nothing fails.
        { text: `every user served again within 10 s of the kill (the last ${s.servedAgainSeconds === null || s.servedAgainSeconds === undefined ? 'unknown' : `${s.servedAgainSeconds.toFixed(1)} s after it`})`, ok: s.servedAgainSeconds !== null && s.servedAgainSeconds !== undefined && s.servedAgainSeconds <= 10 },
      ];
    }
    return [
      { text: `sessions survive the loss of the cache (single ${state.plan.cache.kind}: expected to fail — ${s.sessionsLost} of ${users} users logged out)`, ok: s.sessionsLost === 0 },
      { text: 'pages keep working while the cache is down', ok: s.failedAfterDetection === 0 },
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
    ];
  },
};
