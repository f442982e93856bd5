import type { DrillDefinition, DrillEnv } from './drill';
import { webNodes } from '../replica/replica-state';
import { findNode } from '../replica/node-ops';
import { waitHealthy } from '../docker/containers';
import { dockerodeContainers } from '../docker/dockerode-containers';
import { lbNoticedAt } from './lb-log';
import type { DrillEvent, DrillSummary, Expectation } from './drill-report';
import { watchTargetLeaves } from './target-leaves';

/** From traffic: the first request a user had answered by the restarted node, in seconds after the restart. */
export function restartedNodeServes(s: DrillSummary, events: DrillEvent[], limitSeconds: number): Expectation {
  const restart = events.find((e) => e.kind === 'restart');
  const replaced = events.find((e) => e.kind === 'replaced');
  if (!restart && replaced) {
    // No node comes back: the group replaced it. What users saw: failures ending within the limit.
    const last = s.recoverSeconds === null ? 'unknown' : `${s.recoverSeconds.toFixed(1)} s`;
    return { text: `${replaced.node} was replaced by the Auto Scaling group; users were served again within ${limitSeconds} s (last failure ${last} after)`, ok: s.recoverSeconds !== null && s.recoverSeconds <= limitSeconds };
  }
  const node = restart?.node ?? 'the restarted node';
  if (s.recoverSeconds === null || s.recoveredAt === null) {
    return { text: `${node} answered users again within ${limitSeconds} s of its restart (it answered no user after it)`, ok: false };
  }
  const at = s.recoveredAt !== undefined ? ` at t = ${s.recoveredAt.toFixed(1)} s` : '';
  return { text: `${node} answered users again within ${limitSeconds} s of its restart (first answer ${s.recoverSeconds.toFixed(1)} s after it${at})`, ok: s.recoverSeconds <= limitSeconds };
}

/** Without a target group nginx's passive check decides: its first upstream error after the kill. */
async function passiveNoticedAt(env: DrillEnv, node: string, disruptAt: number, restoreAt: number): Promise<number | undefined> {
  const lb = env.state.nodes.find((n) => n.role === 'lb')!;
  const target = findNode(env.state, node);
  const noticed = await lbNoticedAt(env.docker, lb.container, target.ip, env.wallClock(disruptAt));
  // The nginx log has millisecond timestamps; never report noticing before the kill was sent.
  return noticed !== undefined && noticed < env.wallClock(restoreAt) ? Math.max(disruptAt, (noticed - env.wallClock(0)) / 1000) : undefined;
}

/** SIGKILL the web node that served the latest request, restart it later; nobody should notice. */
export const killWebDrill: DrillDefinition = {
  name: 'kill-web',
  title: 'Kill a web node (SIGKILL), restart it',
  // Long enough after the restart for nginx's fail_timeout (10 s) to let the node back in.
  defaultSeconds: 40,
  async act(env) {
    await env.at(8);
    const webs = webNodes(env.state);
    const targetName = env.lastNode() && webs.some((w) => w.name === env.lastNode()) ? env.lastNode()! : webs[0].name;
    const container = env.docker.getContainer(findNode(env.state, targetName).container);
    const disruptAt = env.now();
    await container.kill({ signal: 'SIGKILL' });
    env.event('kill', targetName, 'SIGKILL', disruptAt);
    // With the AWS stand-ins the load balancer notices when the target group marks the node
    // unhealthy (or it leaves the group): an ALB has no passive check, the nginx log's first error
    // is only the first user who got a 502/504.
    const marked = env.aws ? watchTargetLeaves(env, targetName, disruptAt + 10) : Promise.resolve(undefined);
    await env.at(disruptAt + 10);
    const markedAt = await marked;
    const restoreAt = env.now();
    // With the template's Auto Scaling group in charge (the AWS control plane of a replica made
    // from a template), the killed node is terminated and replaced, as on AWS: nothing to restart.
    // A container the group is terminating right now still inspects, as "removing" (found with real
    // Moodle: starting it then failed with Docker's 409 "marked for removal").
    const status = await container.inspect().then((i) => i.State?.Status, () => 'gone');
    const replaced = status === 'gone' || status === 'removing' || status === 'dead';
    if (replaced) env.event('replaced', targetName, 'terminated and replaced by the Auto Scaling group', restoreAt);
    else {
      await container.start();
      env.event('restart', targetName, 'docker start', restoreAt);
      await waitHealthy(dockerodeContainers(env.docker), container.id, targetName, 60_000, env.signal);
      // Docker's view only: the verdict reads traffic (when users were answered by this node again).
      env.event('container-healthy', targetName, "Docker's health check (not traffic)");
    }
    const detectedAt = env.aws ? markedAt : await passiveNoticedAt(env, targetName, disruptAt, restoreAt);
    if (detectedAt !== undefined) env.event('lb-noticed', targetName, env.aws ? 'the target group took it out of service' : 'first upstream error in the nginx log', detectedAt);
    // Measured on Moodle 5.0 (and the probe does the same): a request killed with its node leaves
    // its session lock behind, so that user's next requests wait until the lock expires.
    const notes = ["A user whose request died with the node waits until that request's session lock expires (config.php's lock expiry; Moodle's own default is PHP's max_execution_time, 30 s). The wait shows as a stall; it becomes a failure only if it outlasts Moodle's lock acquire timeout (an error page) or the load balancer's idle timeout."];
    return { disruptAt, restoreAt, targetNode: replaced ? undefined : targetName, detectedAt, detectedByHealthCheck: !!env.aws && detectedAt !== undefined, notes };
  },
  expect(s, _state, events) {
    return [
      { text: 'no session lost', ok: s.sessionsLost === 0 },
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
      { text: `no failed request once the LB noticed (${s.failedAfterDetection} failed)`, ok: s.failedAfterDetection === 0 },
      restartedNodeServes(s, events, 15),
    ];
  },
};
