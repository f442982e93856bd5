import type Docker from 'dockerode';
import type { ReplicaPlan } from '../plan/replica-plan';
import { LABEL_CODE_VERSION, LABEL_IP, LABEL_NODE, LABEL_PLAN, LABEL_PROJECT, LABEL_ROLE, LABEL_SESSION, projectFilter } from '../docker/labels';
import { mapDockerError } from '../docker/docker-errors';
import { MhaError } from '../../common/errors';

export interface ReplicaNode {
  name: string;
  role: 'lb' | 'web' | 'db' | 'cache';
  container: string;
  /** Docker's state: running, exited, created, paused, restarting, dead. */
  state: string;
  /** Docker's health check: healthy, unhealthy, starting, or none. */
  health: string;
  image: string;
  ip: string;
  codeVersion?: string;
}

export interface ReplicaState {
  project: string;
  session: string;
  plan: ReplicaPlan;
  network: string;
  prefix: string;
  dbPassword: string;
  siteUrl: string;
  nodes: ReplicaNode[];
}

export const LABEL_DB_PASSWORD = 'moodle-ha.db-password';
export const LABEL_PREFIX = 'moodle-ha.prefix';

export function networkName(project: string): string { return `${project}-net`; }
export function dataVolume(project: string): string { return `${project}-moodledata`; }
export function dbVolume(project: string): string { return `${project}-dbdata`; }

const ROLE_ORDER = { lb: 0, web: 1, db: 2, cache: 3 } as const;

/** Reads the running replica back from Docker's labels; undefined when the project has no network. */
export async function readReplica(docker: Docker, project: string): Promise<ReplicaState | undefined> {
  try {
    const networks = await docker.listNetworks({ filters: projectFilter(project) });
    const network = networks.find((n) => n.Labels?.[LABEL_PLAN]);
    if (!network) return undefined;
    const labels = network.Labels ?? {};
    const plan = JSON.parse(labels[LABEL_PLAN]) as ReplicaPlan;
    const containers = await docker.listContainers({ all: true, filters: projectFilter(project) });
    const nodes: ReplicaNode[] = containers.map((c) => ({
      name: c.Labels[LABEL_NODE] ?? c.Names[0]?.replace(/^\//, ''),
      role: (c.Labels[LABEL_ROLE] ?? 'web') as ReplicaNode['role'],
      container: c.Names[0]?.replace(/^\//, '') ?? c.Id,
      state: c.State,
      health: /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1]?.replace('health: ', '') ?? (c.State === 'running' ? 'none' : '-'),
      image: c.Image,
      ip: c.Labels[LABEL_IP] ?? '',
      codeVersion: c.Labels[LABEL_CODE_VERSION],
    }));
    nodes.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, 'en', { numeric: true }));
    return {
      project,
      session: labels[LABEL_SESSION] ?? '',
      plan,
      network: network.Name,
      prefix: labels[LABEL_PREFIX] ?? '',
      dbPassword: labels[LABEL_DB_PASSWORD] ?? '',
      siteUrl: `http://127.0.0.1:${plan.lb.port}/`,
      nodes,
    };
  } catch (error) {
    throw mapDockerError(error, 'reading the replica');
  }
}

export async function requireReplica(docker: Docker, project: string): Promise<ReplicaState> {
  const state = await readReplica(docker, project);
  if (!state) throw new MhaError('sim.notRunning', `No local replica '${project}' is running.`, { nextStep: "Start one with 'moodle-ha sim up'." });
  return state;
}

export function webNodes(state: ReplicaState): ReplicaNode[] {
  return state.nodes.filter((n) => n.role === 'web');
}

export { LABEL_PROJECT };
