import type { ContainerPort } from '../docker/container-port';
import { createNode, startAndWait, type NodeSpec } from '../docker/containers';
import { removeProjectContainers } from './down';

/** Creates the nodes together (copying code into each web node is most of a warm start), then starts each and waits for it. */
export async function startNodes(containers: ContainerPort, specs: NodeSpec[], signal?: AbortSignal): Promise<void> {
  const created = await Promise.all(specs.map(async (spec) => ({ spec, id: await createNode(containers, spec, signal) })));
  await Promise.all(created.map(({ spec, id }) => startAndWait(containers, id, spec.node, spec.role === 'db' ? 180_000 : 90_000, signal)));
}

/**
 * Runs the start phase of `up`. Whatever fails or is cancelled in it, every container of the project
 * is removed before the error goes on (then `alsoSweep`, e.g. the network), so nothing half-started
 * stays behind and a retry starts clean. Volumes are not containers: their data stays.
 */
export async function startOrSweep<T>(containers: ContainerPort, project: string, start: () => Promise<T>, alsoSweep?: () => Promise<unknown>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await removeProjectContainers(containers, project).catch(() => undefined);
    await alsoSweep?.().catch(() => undefined);
    throw error;
  }
}
