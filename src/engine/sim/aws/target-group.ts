import type { Clock } from './clock';
import { matcherAccepts, type HealthCheckSpec } from './aws-behaviour';

/** ALB target states: `initial` until the first verdict, `draining` while deregistration waits. */
export type TargetHealth = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface Target { id: string; ip: string; health: TargetHealth; passes: number; fails: number; reason?: string }

export interface CheckAnswer { status?: number; error?: string }

export interface TargetGroupPorts {
  /** One health-check request to a node, as the ALB sends it (its own Host header, no cookies). */
  check(target: { id: string; ip: string }, spec: HealthCheckSpec, timeoutMs: number): Promise<CheckAnswer>;
  /** Route traffic to exactly these nodes (the LB's upstream list). */
  route(targets: Array<{ id: string; ip: string }>): Promise<void>;
}

export type AwsEventSink = (kind: string, node?: string, detail?: string) => void;

/**
 * The target group's health check: every `interval` each registered node gets one request to the
 * template's path and port; `healthyThreshold` passes in a row make it healthy, `unhealthyThreshold`
 * failures unhealthy. Only healthy nodes get traffic, except that when none is healthy the ALB fails
 * open and routes to every registered node. A deregistered node gets no new requests at once and
 * leaves after the deregistration delay.
 */
export class TargetGroup {
  private readonly targets = new Map<string, Target>();
  private routed = '';
  /** The routing the load balancer has applied (nginx reloaded), as opposed to the verdict made. */
  private applied: string[] = [];
  private failingOpen = false;

  constructor(readonly spec: HealthCheckSpec, private readonly ports: TargetGroupPorts, private readonly clock: Clock, private readonly emit: AwsEventSink = () => undefined) {}

  /** `healthy`: a node that was already in service before the drill (its checks passed long ago). */
  async register(id: string, ip: string, options: { healthy?: boolean } = {}): Promise<void> {
    this.targets.set(id, { id, ip, health: options.healthy ? 'healthy' : 'initial', passes: 0, fails: 0 });
    this.emit('tg-register', id, options.healthy ? 'in service' : 'initial: waiting for health checks');
    await this.reroute();
  }

  /** Stops new requests to the node now; resolves when the deregistration delay has passed. */
  async deregister(id: string, options: { waitDelay?: boolean } = {}): Promise<void> {
    const t = this.targets.get(id);
    if (!t) return;
    t.health = 'draining';
    this.emit('tg-deregister', id, `draining ${this.spec.deregistrationDelaySeconds} s`);
    await this.reroute();
    if (options.waitDelay !== false && this.spec.deregistrationDelaySeconds > 0) await this.clock.sleep(this.spec.deregistrationDelaySeconds * 1000);
    if (this.targets.get(id) === t) this.targets.delete(id);
    await this.reroute();
  }

  /** Forget a node without draining (it is gone: terminated or killed). */
  async remove(id: string): Promise<void> {
    if (this.targets.delete(id)) await this.reroute();
  }

  health(id: string): TargetHealth | undefined { return this.targets.get(id)?.health; }
  list(): Target[] { return [...this.targets.values()].map((t) => ({ ...t })); }

  /** The nodes that get traffic now. */
  routable(): Target[] {
    const live = [...this.targets.values()].filter((t) => t.health !== 'draining');
    const healthy = live.filter((t) => t.health === 'healthy');
    return healthy.length ? healthy : live;
  }

  /**
   * The nodes the load balancer sends new requests to now: the last routing it has applied. A
   * verdict takes effect when the load balancer has its new node list, not when it is made; a
   * request sent in between still goes to the old list.
   */
  inService(): string[] { return [...this.applied]; }

  /** One round of checks, every registered node at once, then the routing follows the verdicts. */
  async checkOnce(): Promise<void> {
    const round = [...this.targets.values()].filter((t) => t.health !== 'draining');
    const answers = await Promise.all(round.map((t) => this.ports.check(t, this.spec, this.spec.timeoutSeconds * 1000).catch((e: Error) => ({ error: e.message }) as CheckAnswer)));
    round.forEach((t, i) => {
      if (this.targets.get(t.id) !== t || t.health === 'draining') return;
      const a = answers[i];
      const pass = a.status !== undefined && matcherAccepts(this.spec.matcher, a.status);
      if (pass) { t.passes++; t.fails = 0; } else { t.fails++; t.passes = 0; t.reason = a.error ?? `HTTP ${a.status} (matcher ${this.spec.matcher})`; }
      if (t.health !== 'healthy' && t.passes >= this.spec.healthyThreshold) {
        t.health = 'healthy';
        this.emit('tg-healthy', t.id, `${this.spec.healthyThreshold} checks of ${this.spec.path} passed`);
      } else if (t.health !== 'unhealthy' && t.fails >= this.spec.unhealthyThreshold) {
        t.health = 'unhealthy';
        this.emit('tg-unhealthy', t.id, `${this.spec.path}: ${t.reason}`);
      }
    });
    await this.reroute();
  }

  /** Checks every interval until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.checkOnce();
      await this.clock.sleep(this.spec.intervalSeconds * 1000, signal).catch(() => undefined);
    }
  }

  private async reroute(): Promise<void> {
    const targets = this.routable();
    const failOpen = targets.length > 0 && targets.every((t) => t.health !== 'healthy');
    if (failOpen && !this.failingOpen) this.emit('tg-fail-open', undefined, 'no healthy target: the ALB routes to every registered node');
    this.failingOpen = failOpen;
    const key = targets.map((t) => t.id).sort().join(',');
    if (key === this.routed) return;
    this.routed = key;
    await this.ports.route(targets.map((t) => ({ id: t.id, ip: t.ip })));
    // A later reroute may have started meanwhile; it records its own routing when it is applied.
    if (this.routed === key) this.applied = targets.map((t) => t.id);
  }
}
