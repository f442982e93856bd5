import { MhaError } from '../../common/errors';
import { delay } from '../../common/cancellation';
import { createNode, startAndWait } from '../docker/containers';
import { ensureImage } from '../docker/images';
import { webAddress, webNodeName } from '../plan/addresses';
import { dataVolume, dbVolume, requireReplica, webNodes, type ReplicaState } from './replica-state';
import { applyLbConfig, lbNodesOf } from './lb-config';
import { defaultCodeDir, webSpec, type SpecContext } from './node-specs';
import type { SimContext } from './sim-context';
import { containersOf, logOf } from './sim-context';

/**
 * Sets the number of web nodes, as an ASG's desired capacity. Out: the new node joins the LB only once
 * healthy. In: the node leaves the LB first (graceful reload, in-flight requests finish), then stops.
 */
export async function scaleReplica(ctx: SimContext, project: string, desired: number): Promise<ReplicaState> {
  const { docker } = ctx;
  let state = await requireReplica(docker, project);
  if (!Number.isInteger(desired) || desired < 1 || desired > 50) {
    throw new MhaError('usage', `Cannot scale to ${desired}: choose 1 to 50 web nodes.`);
  }
  const current = webNodes(state);
  if (desired > current.length) {
    const used = new Set(current.map((n) => Number(n.name.replace('web-', ''))));
    const ctxSpecs = await specContext(ctx, state);
    const added: string[] = [];
    for (let i = 1; added.length < desired - current.length; i++) {
      if (used.has(i)) continue;
      const name = webNodeName(i);
      const id = await createNode(containersOf(ctx), webSpec(ctxSpecs, name, webAddress(state.prefix, i), defaultCodeDir(state.plan, ctx.simDir), 'v1'));
      await startAndWait(containersOf(ctx), id, name, 90_000, ctx.signal);
      added.push(name);
    }
    state = await requireReplica(docker, project);
    await applyLbConfig(docker, state, lbNodesOf(state));
    logOf(ctx).info(`scaled out: ${added.join(', ')}`);
  } else if (desired < current.length) {
    const leaving = [...current].sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true })).slice(0, current.length - desired);
    const names = leaving.map((n) => n.name);
    await applyLbConfig(docker, state, lbNodesOf(state).filter((n) => !names.includes(n.name)));
    await delay(1000); // connection draining: let in-flight requests finish on the leaving nodes
    for (const n of leaving) await docker.getContainer(n.container).remove({ force: true });
    state = await requireReplica(docker, project);
    logOf(ctx).info(`scaled in: ${names.join(', ')}`);
  }
  return state;
}

/** The images and settings the running replica was started with (read back from a web node and labels). */
export async function specContext(ctx: SimContext, state: ReplicaState): Promise<SpecContext> {
  const anyWeb = webNodes(state)[0];
  let webImage = anyWeb?.image;
  if (!webImage) {
    const baseId = (await ctx.docker.getImage('debian:bookworm-slim').inspect()).Id;
    webImage = (await ensureImage(ctx.docker, ctx.simDir, 'web', baseId)).tag;
  }
  const image = (role: string) => state.nodes.find((n) => n.role === role)?.image ?? '';
  return {
    plan: state.plan, session: state.session, network: state.network, prefix: state.prefix, dbPassword: state.dbPassword,
    images: { web: webImage, lb: image('lb'), db: image('db'), cache: image('cache') },
    simDir: ctx.simDir, dataVolume: dataVolume(state.project), dbVolume: dbVolume(state.project),
  };
}
