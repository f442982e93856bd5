import type { DrillDefinition } from './drill';
import { containerName } from '../docker/containers';
import { webNodes } from '../replica/replica-state';
import { zoneOfIndex } from '../aws/docker-ports';
import { nodesServingAtEnd } from './served';

/**
 * Every web node in one Availability Zone dies at once (SIGKILL) and the zone takes no new
 * instances. The LB must stop sending to them, and the Auto Scaling group must bring capacity back
 * in the zones left.
 */
export const azOutageDrill: DrillDefinition = {
  name: 'az-outage',
  title: 'Lose every web node in one Availability Zone at once',
  defaultSeconds: 60,
  usesAws: true,
  async act(env) {
    const plane = env.aws!;
    await env.at(8);
    const zones = plane.behaviour.autoScaling.zones;
    const zone = zones[0];
    const victims = webNodes(env.state).filter((n) => n.state === 'running' && zoneOfIndex(Number(n.name.replace('web-', '')), zones) === zone);
    const disruptAt = env.now();
    plane.asg.zonesOut.add(zone);
    await Promise.all(victims.map((v) => env.docker.getContainer(containerName(env.state.project, v.name)).kill({ signal: 'SIGKILL' }).catch(() => undefined)));
    env.event('az-outage', undefined, `zone ${zone}: ${victims.map((v) => v.name).join(', ') || 'no node'} killed; no launches there`, disruptAt);
    return {
      disruptAt,
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
    return [
      { text: `no failed request once the LB noticed (${s.failedAfterDetection} failed after it, ${s.failed} in all)`, ok: s.failedAfterDetection === 0 },
      { text: `capacity came back: ${serving.length} node(s) answered users in the last 5 s (${serving.join(', ') || 'none'}; ${before} at the end)`, ok: serving.length >= Math.min(2, before) && !!killed },
      { text: 'no session lost', ok: s.sessionsLost === 0 },
      { text: 'no upload lost', ok: s.uploadsLost === 0 },
    ];
  },
};
