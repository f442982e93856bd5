import type { DrillDefinition } from './drill';
import { scaleReplica } from '../replica/scale';
import { webNodes } from '../replica/replica-state';

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
  async act(env) {
    await env.at(8);
    const before = webNodes(env.state).length;
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
  async act(env) {
    await env.at(8);
    const before = webNodes(env.state).length;
    if (before < 2) { env.event('note', undefined, 'only one web node: nothing to scale in'); return {}; }
    env.event('scale', undefined, `${before} → ${before - 1}`);
    await scaleReplica(env.ctx, env.state.project, before - 1);
    env.event('removed');
    return {};
  },
  expect: noFailures,
};
