import type { Clock } from './clock';
import type { AutoScalingSpec } from './aws-behaviour';
import type { AwsEventSink, TargetGroup } from './target-group';

export interface Instance {
  id: string;
  ip: string;
  zone: string;
  state: 'Pending' | 'InService' | 'Terminating';
  /** AWS time the instance entered InService (the grace period counts from here). */
  inServiceAt?: number;
}

export interface AutoScalingPorts {
  /** EC2's status check: is the machine running at all? */
  running(id: string): Promise<boolean>;
  /** Boots a node the way the launch template does (user-data-equivalent steps), not yet in the LB. */
  launch(zone: string): Promise<{ id: string; ip: string }>;
  /** The lifecycle hook: CodeDeploy's launch-time deployment. false = ABANDON (the node is terminated). */
  launchHook(id: string): Promise<{ ok: boolean; detail: string }>;
  terminate(id: string): Promise<void>;
}

export interface ScalingRecord { at: number; desired: number; inService: number; replaced: number; launchFailures: number }

/**
 * The Auto Scaling group: keeps `desired` instances between min and max, spread over the zones;
 * replaces an instance whose EC2 status fails, or, with HealthCheckType ELB and once its grace
 * period is over, whose target-group health is unhealthy. A new instance runs its launch hook
 * (CodeDeploy) before it enters service and registers with the target group; a failed hook
 * abandons it and the next round launches another.
 */
export class AutoScalingGroup {
  readonly instances = new Map<string, Instance>();
  min: number;
  max: number;
  desired: number;
  replaced = 0;
  launchFailures = 0;
  readonly terminated: string[] = [];
  readonly launched: string[] = [];
  /** Zones that cannot launch (an AZ outage): new instances go to the others. */
  readonly zonesOut = new Set<string>();
  /** Launches and draining terminations under way. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Launches that failed in a row, and the AWS time before which no new launch starts. */
  private failedInARow = 0;
  private launchNotBefore = 0;

  constructor(readonly spec: AutoScalingSpec, private readonly ports: AutoScalingPorts, private readonly targetGroup: TargetGroup | undefined, private readonly clock: Clock, private readonly emit: AwsEventSink = () => undefined) {
    this.min = spec.min;
    this.max = spec.max;
    this.desired = Math.min(Math.max(spec.desired, spec.min), spec.max);
  }

  /** An instance that was in service before the controller started (its grace period long over). */
  adopt(id: string, ip: string, zone: string): void {
    this.instances.set(id, { id, ip, zone, state: 'InService', inServiceAt: this.clock.now() - (this.spec.gracePeriodSeconds + 1) * 1000 });
  }

  /** A scheduled action or a manual change: only the sizes it names change. */
  setCapacity(change: { min?: number; max?: number; desired?: number }): void {
    if (change.min !== undefined) this.min = change.min;
    if (change.max !== undefined) this.max = change.max;
    const desired = change.desired ?? this.desired;
    this.desired = Math.min(Math.max(desired, this.min), this.max);
  }

  inService(): Instance[] { return [...this.instances.values()].filter((i) => i.state === 'InService'); }

  /** One round: health of every instance in service, then launches or terminations toward desired. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    for (const instance of this.inService()) {
      const reason = await this.unhealthyReason(instance, now);
      if (reason) {
        this.emit('asg-unhealthy', instance.id, reason);
        this.replaced++;
        await this.terminate(instance, 'replacing an unhealthy instance');
      }
    }
    const live = [...this.instances.values()].filter((i) => i.state !== 'Terminating');
    // Like EC2 Auto Scaling, a group whose launches keep failing retries with a growing wait instead
    // of launching again every round (without it a replica whose network is gone piles up nodes).
    if (now >= this.launchNotBefore) for (let n = live.length; n < this.desired; n++) this.startLaunch();
    if (live.length > this.desired) {
      const extra = [...live].sort((a, b) => (b.inServiceAt ?? Infinity) - (a.inServiceAt ?? Infinity)).slice(0, live.length - this.desired);
      // A healthy instance leaves by draining (the target group's deregistration delay), without holding up this round.
      for (const instance of extra) if (instance.state === 'InService') this.track(this.terminate(instance, `scale in to ${this.desired}`, { drain: true }));
    }
  }

  /** Ticks every `periodMs` of AWS time until the signal aborts; waits for launches under way. */
  async run(signal: AbortSignal, periodMs: number): Promise<void> {
    while (!signal.aborted) {
      await this.tick();
      await this.clock.sleep(periodMs, signal).catch(() => undefined);
    }
    await this.settle();
  }

  /** Resolves when no launch or draining termination is in flight. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  record(): ScalingRecord {
    return { at: this.clock.now(), desired: this.desired, inService: this.inService().length, replaced: this.replaced, launchFailures: this.launchFailures };
  }

  private async unhealthyReason(instance: Instance, now: number): Promise<string | undefined> {
    if (!(await this.ports.running(instance.id))) return 'EC2 status check failed (the instance is not running)';
    if (this.spec.healthCheckType !== 'ELB' || !this.targetGroup) return undefined;
    const graceLeft = (instance.inServiceAt ?? now) + this.spec.gracePeriodSeconds * 1000 - now;
    if (graceLeft > 0) return undefined;
    return this.targetGroup.health(instance.id) === 'unhealthy' ? 'ELB health check: the target group reports it unhealthy' : undefined;
  }

  private zoneForNext(): string {
    const all = this.spec.zones.length ? this.spec.zones : ['a'];
    const zones = all.filter((z) => !this.zonesOut.has(z)).length ? all.filter((z) => !this.zonesOut.has(z)) : all;
    const count = (z: string) => [...this.instances.values()].filter((i) => i.zone === z && i.state !== 'Terminating').length;
    return [...zones].sort((a, b) => count(a) - count(b) || zones.indexOf(a) - zones.indexOf(b))[0];
  }

  private startLaunch(): void {
    const zone = this.zoneForNext();
    const placeholder: Instance = { id: `pending-${this.launched.length + this.inFlight.size}`, ip: '', zone, state: 'Pending' };
    this.instances.set(placeholder.id, placeholder);
    const job = (async () => {
      let id = placeholder.id;
      try {
        const node = await this.ports.launch(zone);
        id = node.id;
        this.instances.delete(placeholder.id);
        const instance: Instance = { id: node.id, ip: node.ip, zone, state: 'Pending' };
        this.instances.set(node.id, instance);
        this.launched.push(node.id);
        this.emit('asg-launch', node.id, `zone ${zone}: booted like the launch template; lifecycle hook (CodeDeploy) next`);
        const hook = await this.ports.launchHook(node.id);
        if (!hook.ok) {
          this.launchFailures++;
          this.emit('asg-abandon', node.id, `launch hook failed: ${hook.detail}`);
          await this.terminate(instance, 'lifecycle hook ABANDON');
          return;
        }
        instance.state = 'InService';
        instance.inServiceAt = this.clock.now();
        this.failedInARow = 0;
        this.emit('asg-in-service', node.id, hook.detail);
        await this.targetGroup?.register(node.id, node.ip);
      } catch (error) {
        this.launchFailures++;
        this.failedInARow++;
        this.launchNotBefore = this.clock.now() + launchRetryDelayMs(this.failedInARow);
        this.instances.delete(placeholder.id);
        this.emit('asg-launch-failed', id, (error as Error).message.split('\n')[0]);
        const instance = this.instances.get(id);
        if (instance) await this.terminate(instance, 'launch failed');
      }
    })();
    this.track(job);
  }

  /** A launch or a draining termination under way: settle() waits for it. */
  private track(job: Promise<void>): void {
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }

  private async terminate(instance: Instance, why: string, options: { drain?: boolean } = {}): Promise<void> {
    instance.state = 'Terminating';
    this.emit('asg-terminate', instance.id, why);
    // As EC2 Auto Scaling with a target group: requests in flight finish before the instance stops.
    if (options.drain) await this.targetGroup?.deregister(instance.id);
    else await this.targetGroup?.remove(instance.id);
    await this.ports.terminate(instance.id).catch(() => undefined);
    this.instances.delete(instance.id);
    this.terminated.push(instance.id);
  }
}

/** The wait before the next launch after `failures` failed in a row: 10 s, doubling, at most 5 min (AWS time). */
export function launchRetryDelayMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000);
}
