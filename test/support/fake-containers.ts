import * as fs from 'node:fs';
import type { ContainerPort, ContainerStatus, ExecOptions } from '../../src/engine/sim/docker/container-port';
import { containerName, type ExecResult, type NodeSpec } from '../../src/engine/sim/docker/containers';
import { CancelledError } from '../../src/engine/common/cancellation';
import { LABEL_IP, LABEL_NODE, LABEL_PROJECT, LABEL_ROLE, LABEL_SESSION } from '../../src/engine/sim/docker/labels';

/**
 * An in-memory Docker, behind the same ContainerPort as the dockerode adapter.
 *
 * Why it exists: a real daemon cannot be told to fail one node's health check, or to be cancelled
 * between two nodes' readiness, at the moment a test needs it, and a daemon is not there for unit
 * tests. The Docker integration tests (test/integration/sim) still run the real thing.
 *
 * Strict where Docker decides the outcome (each answered with Docker's status code and wording):
 * names are unique (409), an unknown image cannot be created (404), an unknown container is 404,
 * starting a running container is 304, exec needs a running container (409), removing a running
 * container needs force (409), and a removed container's name is free again.
 */
export interface FakeBehaviour {
  /** What the health check settles on once started: 'exits' is a process that ends (state exited). */
  settles: 'healthy' | 'unhealthy' | 'exits' | 'starting';
  /** How many inspects report 'starting' before it settles. */
  inspectsBeforeSettling?: number;
  logs?: string[];
  /** Docker refuses to start it (e.g. 500 'port is already allocated'); the container stays created. */
  startFails?: string;
  exec?: (cmd: string[]) => ExecResult;
}

interface FakeContainer { id: string; spec: NodeSpec; name: string; running: boolean; status: string; health?: string; inspects: number; behaviour: FakeBehaviour }

export class FakeContainers implements ContainerPort {
  private readonly byId = new Map<string, FakeContainer>();
  private nextId = 1;
  /** What happened, in order: 'create db', 'start db', 'remove db', … (node names). */
  readonly events: string[] = [];
  /** Called on every inspect, with the node name (a test cancels here, mid-readiness). */
  onInspect?: (node: string) => void;

  constructor(private readonly images: string[], private readonly behaviourOf: (spec: NodeSpec) => FakeBehaviour = () => ({ settles: 'healthy' })) {}

  async create(spec: NodeSpec, signal?: AbortSignal): Promise<string> {
    const name = containerName(spec.project, spec.node);
    if (!this.images.includes(spec.image)) throw dockerError(404, `No such image: ${spec.image}`);
    const taken = [...this.byId.values()].find((c) => c.name === name);
    if (taken) throw dockerError(409, `Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    const id = `fake${String(this.nextId++).padStart(12, '0')}`;
    this.byId.set(id, { id, spec, name, running: false, status: 'created', health: undefined, inspects: 0, behaviour: this.behaviourOf(spec) });
    this.events.push(`create ${spec.node}`);
    // The adapter streams `tar -c` of the folder: tar fails on a folder that is not there, and the copy honours cancellation.
    if (spec.copyDir && !fs.existsSync(spec.copyDir.from)) throw new Error(`tar ${spec.copyDir.from}: Cannot open: No such file or directory`);
    if (signal?.aborted) throw new CancelledError();
    return id;
  }

  async start(id: string): Promise<void> {
    const c = this.find(id);
    if (c.running) throw dockerError(304, 'container already started');
    if (c.behaviour.startFails) throw dockerError(500, c.behaviour.startFails);
    c.running = true; c.status = 'running'; c.health = 'starting'; c.inspects = 0;
    this.events.push(`start ${c.spec.node}`);
  }

  async inspect(id: string): Promise<ContainerStatus> {
    const c = this.find(id);
    this.onInspect?.(c.spec.node);
    if (c.running && c.health === 'starting' && c.inspects++ >= (c.behaviour.inspectsBeforeSettling ?? 0)) this.settle(c);
    return this.statusOf(c);
  }

  async exec(id: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (options.signal?.aborted) throw new CancelledError();
    const c = this.find(id);
    if (!c.running) throw dockerError(409, `Container ${c.id} is not running`);
    return c.behaviour.exec?.(cmd) ?? { exitCode: 0, output: '' };
  }

  async logs(id: string, tail: number): Promise<string> {
    const lines = this.find(id).behaviour.logs ?? [];
    return lines.slice(-tail).map((l) => `${l}\n`).join('');
  }

  async list(labels: Record<string, string>): Promise<ContainerStatus[]> {
    return [...this.byId.values()].map((c) => this.statusOf(c)).filter((c) => Object.entries(labels).every(([k, v]) => c.labels[k] === v));
  }

  async remove(id: string, options: { force?: boolean } = {}): Promise<void> {
    const c = this.find(id);
    if (c.running && !options.force) {
      throw dockerError(409, `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
    }
    this.byId.delete(c.id);
    this.events.push(`remove ${c.spec.node}`);
  }

  /** Names of the containers that exist now. */
  names(): string[] { return [...this.byId.values()].map((c) => c.name).sort(); }

  private settle(c: FakeContainer): void {
    if (c.behaviour.settles === 'exits') { c.running = false; c.status = 'exited'; c.health = 'unhealthy'; return; }
    c.health = c.behaviour.settles;
  }

  private find(idOrName: string): FakeContainer {
    const c = this.byId.get(idOrName) ?? [...this.byId.values()].find((x) => x.name === idOrName);
    if (!c) throw dockerError(404, `No such container: ${idOrName}`);
    return c;
  }

  private statusOf(c: FakeContainer): ContainerStatus {
    const s = c.spec;
    const labels = { [LABEL_PROJECT]: s.project, [LABEL_ROLE]: s.role, [LABEL_SESSION]: s.session, [LABEL_NODE]: s.node, [LABEL_IP]: s.ip, ...s.extraLabels };
    return { id: c.id, name: c.name, running: c.running, status: c.status, health: c.health, labels };
  }
}

/** An error shaped as dockerode makes them (status code, Docker's JSON message). */
function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });
}
