import type { DrillDefinition, DrillEnv } from './drill';
import { findNode } from '../replica/node-ops';
import { execIn, waitHealthy } from '../docker/containers';
import { dockerodeContainers } from '../docker/dockerode-containers';
import { subscribeToFailovers, type NotificationSubscriber } from '../aws/failover-lock-sweep';

/**
 * Kill the session cache's primary. One memcached: every page fails while it is down and every user
 * is logged out after its restart (a single point of failure). Redis primary + replica with automatic
 * promotion: a short blip, and sessions survive.
 */
export const killCacheDrill: DrillDefinition = {
  name: 'kill-cache',
  title: 'Kill the session cache (primary)',
  defaultSeconds: 30,
  // Moodle holds a page's session lock for the whole page (hundreds of ms for a dashboard); the probe's
  // page returns in microseconds, so a failover would almost never cut off a request holding its lock
  // and the drill would pass without showing what real Moodle users see (22 s stalls were measured).
  probePageHoldSeconds: 0.3,
  async act(env) {
    const replicated = env.state.plan.cache.kind === 'redis' && env.state.plan.cache.replica;
    const sweeps = replicated && env.state.plan.cache.lockSweep === true ? subscribeSweep(env) : undefined;
    await sweeps?.ready;
    await env.at(8);
    // After an earlier drill's failover cache-2 is the primary: kill whichever is primary now.
    const name = replicated ? await currentPrimary(env) : 'cache-1';
    // A replica still resyncing after an earlier drill would be promoted without the sessions: the
    // drill measures a failover to a replica in sync, so it waits for one (up to 60 s) first.
    if (replicated) await replicaInSync(env, name === 'cache-1' ? 'cache-2' : 'cache-1');
    const container = env.docker.getContainer(findNode(env.state, name).container);
    const disruptAt = env.now();
    await container.kill({ signal: 'SIGKILL' });
    env.event('kill', name, replicated ? 'redis primary' : `${env.state.plan.cache.kind} (the only node)`);
    await env.at(disruptAt + 8);
    const restoreAt = env.now();
    await container.start();
    env.event('restart', name);
    await waitHealthy(dockerodeContainers(env.docker), container.id, name, 60_000, env.signal);
    env.event('healthy', name);
    await sweeps?.stop();
    const sweepNote = !replicated ? [] : sweeps
      ? ["the failover notification runs the stack's lock sweep (ops/sweep-session-locks.php) on a web node: locks taken before the promotion are deleted"]
      : ['no failover lock sweep: the session locks of requests cut off by the failover stay until they expire'];
    return {
      disruptAt,
      // With a replica, recovery is the promotion (measured from the kill), not the restart.
      restoreAt: replicated ? undefined : restoreAt,
      notes: replicated ? [`${name} returns as a replica of the promoted node (redis-sentinel)`, ...sweepNote] : ['a restarted memcached is empty: every session it held is gone'],
    };
  },
  expect(s, state, events, users) {
    const replicated = state.plan.cache.kind === 'redis' && state.plan.cache.replica;
    if (replicated) {
      return [
        { text: 'no session lost (replica promoted)', ok: s.sessionsLost === 0 },
        { text: 'no upload lost', ok: s.uploadsLost === 0 },
        // Every user, not only the first: a promoted replica that still holds the dead requests'
        // session locks makes those users wait until the locks expire, though nothing fails.
        ...(state.plan.cache.lockSweep ? [{ text: 'the failover notification ran the lock sweep', ok: events.some((e) => e.kind === 'lock-sweep' && !/failed/.test(e.detail ?? '')) }] : []),
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

/** The Redis node that answers ROLE with "master" (cache-1 until a failover, then possibly cache-2). */
async function currentPrimary(env: DrillEnv): Promise<string> {
  for (const name of ['cache-1', 'cache-2']) {
    const node = env.state.nodes.find((n) => n.name === name);
    if (!node) continue;
    const result = await execIn(env.docker.getContainer(node.container), ['redis-cli', 'role'], {}, undefined, env.signal).catch(() => undefined);
    if (result && result.exitCode === 0 && /^master\b/.test(result.output.trim())) return name;
  }
  throw new Error('kill-cache: neither cache-1 nor cache-2 says it is the Redis primary (redis-cli role); is the replica healthy? Check with: moodle-ha sim status');
}

/** The stack's failover notification → sweep, as drill events (the SNS topic's Lambda → SSM Run Command on AWS). */
function subscribeSweep(env: DrillEnv): NotificationSubscriber {
  return subscribeToFailovers(env.docker, env.state, env.ctx.simDir, {
    notified: (n) => env.event('notification', 'cache-endpoint', `ElastiCache:FailoverComplete (${n.node})`),
    swept: (run) => {
      const line = run.output.trim().split('\n').filter(Boolean).pop() ?? '';
      env.event('lock-sweep', run.node, run.exitCode === 0 ? line.replace(/^moodle-ha-lock-sweep: /, '') : `failed (exit ${run.exitCode}): ${line}`);
    },
  }, 500, env.signal);
}

/** Waits until `name` reports its link to the primary up and no sync in progress (INFO replication). */
async function replicaInSync(env: DrillEnv, name: string): Promise<void> {
  const node = env.state.nodes.find((n) => n.name === name);
  if (!node) return;
  for (let i = 0; i < 120; i++) {
    const r = await execIn(env.docker.getContainer(node.container), ['redis-cli', 'info', 'replication'], {}, undefined, env.signal).catch(() => undefined);
    if (r && /master_link_status:up/.test(r.output) && /master_sync_in_progress:0/.test(r.output)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  env.event('note', name, 'the replica was not in sync after 60 s; killing the primary anyway');
}
