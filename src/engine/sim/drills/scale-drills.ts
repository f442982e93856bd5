import type { DrillDefinition, DrillEnv } from './drill';
import { scaleReplica } from '../replica/scale';
import { webNodes } from '../replica/replica-state';
import { delay } from '../../common/cancellation';

const noFailures: DrillDefinition['expect'] = (s) => [
  { text: 'no failed request', ok: s.failed === 0 },
  { text: 'no session lost', ok: s.sessionsLost === 0 },
  { text: 'no upload lost', ok: s.uploadsLost === 0 },
];

/** Add a web node under load: it joins the LB only once healthy. */
export const scaleOutDrill: DrillDefinition = {
  name: 'scale-out',
  title: 'Scale out by one web node under load',
  defaultSeconds: 30,
  loadUntilActionDone: true,
  async act(env) {
    await env.at(8);
    const before = webNodes(env.state).length;
    if (env.aws) return scaleThroughGroup(env, before + 1);
    env.event('scale', undefined, `${before} → ${before + 1}`);
    const after = await scaleReplica(env.ctx, env.state.project, before + 1);
    const added = webNodes(after).find((n) => !env.state.nodes.some((o) => o.name === n.name));
    env.event('joined', added?.name);
    return { targetNode: added?.name };
  },
  expect: noFailures,
};

/** Remove a web node under load: it leaves the LB first, then stops. */
export const scaleInDrill: DrillDefinition = {
  name: 'scale-in',
  title: 'Scale in by one web node under load',
  defaultSeconds: 30,
  loadUntilActionDone: true,
  async act(env) {
    await env.at(8);
    const before = webNodes(env.state).length;
    if (before < 2) { env.event('note', undefined, 'only one web node: nothing to scale in'); return {}; }
    if (env.aws) return scaleThroughGroup(env, before - 1);
    env.event('scale', undefined, `${before} → ${before - 1}`);
    await scaleReplica(env.ctx, env.state.project, before - 1);
    env.event('removed');
    return {};
  },
  expect: noFailures,
};

/**
 * With a template, capacity changes as on AWS: the Auto Scaling group's desired size (and its
 * minimum or maximum when the new size is outside them, as a holiday or exam schedule sets both).
 * The group launches through CodeDeploy's lifecycle hook and the target group's health checks, or
 * drains a node through the deregistration delay before stopping it; the drill waits for that.
 */
async function scaleThroughGroup(env: DrillEnv, desired: number): Promise<{ targetNode?: string; notes: string[] }> {
  const asg = env.aws!.asg;
  const before = asg.inService().map((i) => i.id);
  const bounds = { min: Math.min(asg.min, desired), max: Math.max(asg.max, desired) };
  const moved = [bounds.min !== asg.min ? `min ${asg.min} → ${bounds.min}` : '', bounds.max !== asg.max ? `max ${asg.max} → ${bounds.max}` : ''].filter(Boolean);
  env.event('scale', undefined, `desired ${before.length} → ${desired}${moved.length ? ` (${moved.join(', ')}, as a schedule would)` : ''}`);
  asg.setCapacity({ ...bounds, desired });
  // The group's own rounds do the work; this only watches, within the drill's open load (at most a few minutes).
  const deadline = Date.now() + 300_000;
  while (asg.inService().length !== desired || asg.instances.size !== desired) {
    if (Date.now() > deadline || env.signal?.aborted) break;
    await delay(500, env.signal).catch(() => undefined);
  }
  await asg.settle();
  const added = asg.inService().map((i) => i.id).find((id) => !before.includes(id));
  if (added) env.event('joined', added);
  else env.event('removed', before.find((id) => !asg.instances.has(id)));
  return { targetNode: added, notes: [`Capacity changed through the Auto Scaling group (desired ${before.length} → ${desired}), as on AWS: ${added ? 'a launch with the last revision, in service after its health checks' : 'the node drained for the deregistration delay, then stopped'}.`] };
}
