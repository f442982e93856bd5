import type { DrillDefinition, DrillEnv } from './drill';
import { delay } from '../../common/cancellation';
import { containerName } from '../docker/containers';
import { webNodes } from '../replica/replica-state';
import { zoneOfIndex } from '../aws/docker-ports';
import { nodesServingAtEnd } from './served';
import { watchTargetLeaves } from './target-leaves';

/**
 * Every web node in one Availability Zone dies at once (SIGKILL) and the zone takes no new
 * instances. The LB must stop sending to them, and the Auto Scaling group must bring capacity back
 * in the zones left. The LB has noticed once the target group routes to none of them (as in
 * kill-web with a template): requests sent to a dead node before that fail on AWS too (502, or 504
 * after the ALB's 10 s connect timeout) and count as failed, not as failed after detection.
 */
/** How long, in drill seconds after the outage, the drill waits for the group to be whole again. */
const CAPACITY_WAIT_SECONDS = 600;

/** When the group has its desired size in service and the target group routes to every one of them. */
async function capacityBack(env: DrillEnv, until: number): Promise<number | undefined> {
  const { asg, targetGroup } = env.aws!;
  while (env.now() < until && !env.signal?.aborted) {
    const inService = asg.inService();
    const routed = new Set(targetGroup.inService());
    if (inService.length >= asg.desired && inService.every((i) => routed.has(i.id))) return env.now();
    await delay(250, env.signal).catch(() => undefined);
  }
  return undefined;
}

export const azOutageDrill: DrillDefinition = {
  name: 'az-outage',
  title: 'Lose every web node in one Availability Zone at once',
  defaultSeconds: 60,
  // The load lasts until capacity is back: a replacement's launch-time deployment of a real Moodle
  // takes about a minute (47–104 s measured), longer than the 60 s a probe needs.
  loadUntilActionDone: true,
  usesAws: true,
  async act(env) {
    const plane = env.aws!;
    await env.at(8);
    const zones = plane.behaviour.autoScaling.zones;
    const running = webNodes(env.state).filter((n) => n.state === 'running');
    const inZone = (z: string) => running.filter((n) => zoneOfIndex(Number(n.name.replace('web-', '')), zones) === z);
    // The zone with the most web nodes: after an earlier outage the group may have launched every
    // node in the other zones, and an outage of an empty zone tests nothing.
    const zone = zones.reduce((best, z) => (inZone(z).length > inZone(best).length ? z : best), zones[0]);
    const victims = inZone(zone);
    const disruptAt = env.now();
    plane.asg.zonesOut.add(zone);
    await Promise.all(victims.map((v) => env.docker.getContainer(containerName(env.state.project, v.name)).kill({ signal: 'SIGKILL' }).catch(() => undefined)));
    env.event('az-outage', victims.map((v) => v.name).join(', ') || undefined, `zone ${zone}: ${victims.map((v) => v.name).join(', ') || 'no node'} killed; no launches there`, disruptAt);
    const left = await Promise.all(victims.map((v) => watchTargetLeaves(env, v.name, disruptAt + 60)));
    const detectedAt = victims.length && left.every((t) => t !== undefined) ? Math.max(...(left as number[])) : undefined;
    if (detectedAt !== undefined) env.event('lb-noticed', undefined, `the target group routes to no node in zone ${zone}`, detectedAt);
    const back = await capacityBack(env, disruptAt + CAPACITY_WAIT_SECONDS);
    if (back !== undefined) env.event('capacity-back', undefined, `${plane.asg.desired} node(s) in service and in the target group`, back);
    // A few seconds of users on the restored fleet: "capacity came back" reads the last 5 s.
    await env.at(env.now() + 10);
    return {
      disruptAt,
      detectedAt,
      detectedByHealthCheck: detectedAt !== undefined,
      notes: [
        `Zones from the template's subnets: ${zones.join(', ')}; nodes spread over them in turn.`,
        ...(zones.length < 2 ? ['The Auto Scaling group spans one zone: an AZ outage takes the whole web tier.'] : []),
      ],
    };
  },
  expect(s, state, events, _users, { series }) {
    const before = webNodes(state).length;
    const serving = nodesServingAtEnd(series);
    const killed = events.find((e) => e.kind === 'az-outage');
    const victims = killed?.node ? killed.node.split(', ') : [];
    return [
      { text: `the outage took web nodes: ${victims.join(', ') || 'none was in any zone'}`, ok: victims.length > 0 },
      { text: `no failed request once the LB noticed (${s.failedAfterDetection} failed after it, ${s.failed} in all)`, ok: s.failedAfterDetection === 0 },
      { text: `capacity came back: ${serving.length} node(s) answered users in the last 5 s (${serving.join(', ') || 'none'}; ${before} at the end)`, ok: serving.length >= Math.min(2, before) && !!killed },
      { text: 'no session lost', ok: s.sessionsLost === 0 },
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
    ];
  },
};
