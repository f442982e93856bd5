import type { ExecResult, NodeSpec } from './containers';

/** What the replica needs to know about one container (Docker's inspect, reduced to what decides things). */
export interface ContainerStatus {
  id: string;
  name: string;
  running: boolean;
  /** Docker's state ('created', 'running', 'exited', …). */
  status: string;
  /** Docker's health check status ('starting', 'healthy', 'unhealthy'), when the container has one. */
  health?: string;
  labels: Record<string, string>;
}

export interface ExecOptions { env?: Record<string, string>; user?: string; signal?: AbortSignal }

/**
 * The narrow port the replica's container lifecycle goes through: create, start, inspect, exec,
 * logs, list, remove. Containers are named by id or by name, as Docker accepts both. The
 * dockerode adapter (dockerode-containers.ts) is the real one; test/support/fake-containers.ts
 * is an in-memory stand-in for the cases a daemon cannot produce on demand.
 */
export interface ContainerPort {
  /** Creates (not starts) a container from a node spec, its files and copied folder included; returns its id. */
  create(spec: NodeSpec, signal?: AbortSignal): Promise<string>;
  start(id: string): Promise<void>;
  inspect(id: string): Promise<ContainerStatus>;
  exec(id: string, cmd: string[], options?: ExecOptions): Promise<ExecResult>;
  /** The last `tail` lines of stdout and stderr, as text. */
  logs(id: string, tail: number): Promise<string>;
  /** Every container (running or not) carrying all the given labels. */
  list(labels: Record<string, string>): Promise<ContainerStatus[]>;
  remove(id: string, options?: { force?: boolean }): Promise<void>;
}
