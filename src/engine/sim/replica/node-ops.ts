import type Docker from 'dockerode';
import { MhaError } from '../../common/errors';
import { lastLogs, waitHealthy } from '../docker/containers';
import { dockerodeContainers } from '../docker/dockerode-containers';
import { mapDockerError } from '../docker/docker-errors';
import { requireReplica, type ReplicaNode, type ReplicaState } from './replica-state';

export type NodeAction = 'kill' | 'stop' | 'start' | 'restart';

export function findNode(state: ReplicaState, name: string): ReplicaNode {
  const node = state.nodes.find((n) => n.name === name || n.container === name);
  if (!node) {
    throw new MhaError('usage', `No node '${name}' in the replica '${state.project}'.`, { nextStep: `Nodes: ${state.nodes.map((n) => n.name).join(', ')}.` });
  }
  return node;
}

/** kill = SIGKILL (a crash), stop = graceful, start/restart wait until the node is healthy again. */
export async function nodeAction(docker: Docker, project: string, name: string, action: NodeAction, signal?: AbortSignal): Promise<{ node: ReplicaNode; healthyAfterMs?: number }> {
  const state = await requireReplica(docker, project);
  const node = findNode(state, name);
  const container = docker.getContainer(node.container);
  try {
    if (action === 'kill') { if (node.state === 'running') await container.kill({ signal: 'SIGKILL' }); return { node }; }
    if (action === 'stop') { if (node.state === 'running') await container.stop({ t: 5 }); return { node }; }
    if (action === 'restart') await container.restart({ t: 5 });
    else if (node.state !== 'running') await container.start();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 304) return { node };
    throw mapDockerError(error, `${action} ${name}`);
  }
  const healthyAfterMs = await waitHealthy(dockerodeContainers(docker), node.container, name, 120_000, signal);
  return { node, healthyAfterMs };
}

export async function nodeLogs(docker: Docker, project: string, name: string, lines = 200): Promise<string> {
  const state = await requireReplica(docker, project);
  const node = findNode(state, name);
  return lastLogs(dockerodeContainers(docker), node.container, lines);
}
