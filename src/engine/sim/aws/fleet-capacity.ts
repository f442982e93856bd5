import type { TargetTrackingSpec } from './aws-behaviour';

/**
 * The nodes that serve, as the Auto Scaling group's desired capacity moves: a launched node serves
 * only `bootMs` later (boot, user data, the launch-time deployment, the health check), a removed
 * one stops at once (a launch still booting is cancelled first).
 */
export class FleetCapacity {
  private serving: number;
  private desired: number;
  private readonly booting: Array<{ ready: number; count: number }> = [];

  constructor(initial: number, private readonly bootMs: number) {
    this.serving = initial;
    this.desired = initial;
  }

  get desiredCapacity(): number { return this.desired; }

  setDesired(desired: number, now: number): void {
    if (desired > this.desired) this.booting.push({ ready: now + this.bootMs, count: desired - this.desired });
    let remove = Math.max(0, this.desired - desired);
    while (remove > 0 && this.booting.length) {
      const newest = this.booting[this.booting.length - 1];
      const cancelled = Math.min(remove, newest.count);
      newest.count -= cancelled;
      remove -= cancelled;
      if (newest.count === 0) this.booting.pop();
    }
    this.serving -= remove;
    this.desired = desired;
  }

  servingAt(now: number): number {
    while (this.booting.length && this.booting[0].ready <= now) this.serving += this.booting.shift()!.count;
    return this.serving;
  }
}

/**
 * What a target tracking policy asks for, from the load it has seen: its scale-out alarm fires after
 * three datapoints above the target (3 minutes with 1-minute metrics, 15 with EC2's 5-minute basic
 * monitoring) and asks for the nodes that bring the metric back to the target; its scale-in alarm
 * waits for fifteen datapoints below. `wanted` is the node count that would hold the target.
 */
export class TargetTracker {
  private readonly seen: Array<{ at: number; wanted: number }> = [];
  private held = 0;
  readonly alarmMs: number;
  readonly scaleInMs: number;

  constructor(readonly spec: TargetTrackingSpec) {
    this.alarmMs = 3 * spec.metricPeriodSeconds * 1000;
    this.scaleInMs = 15 * spec.metricPeriodSeconds * 1000;
  }

  /** Nodes that hold the target for this load: CPU as a share of a node at 100 %, or requests per target per minute. */
  static wantedNodes(spec: TargetTrackingSpec, demandNodes: number, requestsPerMinute: number): number {
    const raw = spec.metric === 'cpu' ? demandNodes / (spec.targetValue / 100) : requestsPerMinute / spec.targetValue;
    return Math.ceil(raw - 1e-9);
  }

  /** The load of one step: what the policy would want for it, judged once its alarm has seen it. */
  observeLoad(at: number, demandNodes: number, requestsPerMinute: number): void {
    this.observe(at, TargetTracker.wantedNodes(this.spec, demandNodes, requestsPerMinute));
  }

  /** A scheduled action set the desired capacity: the policy goes on from there. */
  setHeld(desired: number): void { this.held = desired; }

  observe(at: number, wanted: number): void {
    this.seen.push({ at, wanted });
    // Keep what the scale-in window can still look at.
    while (this.seen.length && this.seen[0].at < at - this.alarmMs - this.scaleInMs) this.seen.shift();
  }

  /** The capacity the policy asks for at `now`, judged on datapoints old enough to have fired an alarm. */
  desiredAt(now: number): number {
    const judged = this.seen.filter((s) => s.at <= now - this.alarmMs);
    if (!judged.length) return this.held;
    const latest = judged[judged.length - 1].wanted;
    if (latest > this.held) this.held = latest;
    else if (this.spec.scaleIn && judged[0].at <= now - this.alarmMs - this.scaleInMs + 1) {
      // Scale in only when the whole window stayed below what is held.
      const highest = Math.max(...judged.filter((s) => s.at > now - this.alarmMs - this.scaleInMs).map((s) => s.wanted));
      if (highest < this.held) this.held = highest;
    }
    return this.held;
  }
}
