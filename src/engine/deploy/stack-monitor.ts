import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { delay, throwIfCancelled } from '../common/cancellation';
import type { DeployMessageSink, FailureCause, ResourceProgress } from './deploy-messages';
import { StackEventPoller, type StackActivity } from './stack-event-poller';
import { StackStatus } from './stack-status';

export interface MonitorOptions {
  stackId: string;
  startTime: number;
  /** Resources the change set touches, for "done of total". */
  expectedResources: number;
  signal?: AbortSignal;
  emit: DeployMessageSink;
  /** Poll interval while events arrive, and the most it backs off to while none do. */
  activeIntervalMs?: number;
  idleIntervalMs?: number;
  clockSkewToleranceMs?: number;
  now?: () => number;
  /** Poll `DescribeStacks` when this many event polls brought nothing (a missed final event). */
  describeEveryIdlePolls?: number;
  /** Already-existing events to skip (the poller's baseline). */
  poller?: StackEventPoller;
}

export interface MonitorResult {
  status: StackStatus;
  firstFailure?: FailureCause;
  failures: FailureCause[];
  resources: ResourceProgress[];
  elapsedMs: number;
  polls: number;
}

const CANCELLED_REASON = /^Resource (creation|update|deletion) cancelled/i;
/** Reasons that only point elsewhere (a nested stack, the stack's own summary): the cause is another event. */
const SUMMARY_REASON = /^(The following resource\(s\) failed|Embedded stack .* was not successfully)/i;

/**
 * Starts an operation with its event baseline taken first: events already listed (an earlier
 * failed create, say, only a minute old) can then never be mistaken for this operation's.
 */
export async function startAndMonitor(
  cfn: CloudFormationClient, start: () => Promise<unknown>, options: Omit<MonitorOptions, 'startTime' | 'poller'>,
): Promise<MonitorResult> {
  const startTime = Date.now();
  const poller = new StackEventPoller(cfn, { stackName: options.stackId, startTime, clockSkewToleranceMs: options.clockSkewToleranceMs, signal: options.signal });
  await poller.skipExisting();
  await start();
  return monitorStack(cfn, { ...options, startTime, poller });
}

/**
 * Follows one stack operation to its end through the event stream: each resource's status as it
 * changes, done of total, and the first real failure. About one API call per poll; the interval
 * stretches while nothing happens, and never allows more than one call per second on average.
 */
export async function monitorStack(cfn: CloudFormationClient, options: MonitorOptions): Promise<MonitorResult> {
  const now = options.now ?? Date.now;
  // 1.25 s keeps the average under one call per second (the first poll comes at once) and events
  // within ~1.5 s of CloudFormation recording them; idle polls stretch to 1.8 s, still inside 2 s.
  const active = options.activeIntervalMs ?? 1250;
  const idle = options.idleIntervalMs ?? 1800;
  const describeEvery = options.describeEveryIdlePolls ?? 10;
  const poller = options.poller ?? new StackEventPoller(cfn, {
    stackName: options.stackId, startTime: options.startTime, clockSkewToleranceMs: options.clockSkewToleranceMs, signal: options.signal,
  });
  const resources = new Map<string, ResourceProgress>();
  const failures: FailureCause[] = [];
  let interval = active;
  let idlePolls = 0;
  let polls = 0;
  let final: StackStatus | undefined;
  let rollingBack = false;
  let announced: FailureCause | undefined;

  while (!final) {
    throwIfCancelled(options.signal);
    const activity = await poller.poll();
    polls++;
    let calls = poller.lastPollCalls;
    for (const a of activity) {
      const status = applyActivity(a);
      if (status) final = status;
    }
    if (activity.length) { idlePolls = 0; interval = active; } else { idlePolls++; interval = Math.min(idle, Math.round(interval * 1.5)); }
    if (!final && idlePolls > 0 && idlePolls % describeEvery === 0) {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: options.stackId }), { abortSignal: options.signal })).Stacks?.[0];
      calls++;
      const status = StackStatus.of(stack?.StackStatus, stack?.StackStatusReason);
      if (status.isStable) final = status;
    }
    report();
    // However many pages or nested stacks a poll read, the average stays at one call per active
    // interval (one second by default) or less.
    if (!final) await delay(Math.max(interval, calls * active), options.signal);
  }
  // Only a summary was seen (a nested stack we could not read): it is still the best cause there is.
  if (!announced && failures[0]) { announced = failures[0]; options.emit({ kind: 'failure', cause: announced }); }
  return { status: final, firstFailure: announced, failures, resources: [...resources.values()], elapsedMs: now() - options.startTime, polls };

  function applyActivity(a: StackActivity): StackStatus | undefined {
    const e = a.event;
    const status: string = e.ResourceStatus ?? 'UNKNOWN';
    if (status.endsWith('_FAILED') && e.ResourceStatusReason && !CANCELLED_REASON.test(e.ResourceStatusReason)) {
      const cause: FailureCause = { logicalId: e.LogicalResourceId ?? '?', nestedPath: a.nestedPath, type: e.ResourceType, status, reason: e.ResourceStatusReason };
      failures.push(cause);
      if (!announced && !SUMMARY_REASON.test(cause.reason)) { announced = cause; options.emit({ kind: 'failure', cause }); }
    }
    if (a.isStackEvent && a.nestedPath.length === 0) {
      const stackStatus = StackStatus.of(status, e.ResourceStatusReason);
      if (status.includes('ROLLBACK_IN_PROGRESS')) rollingBack = true;
      if (rollingBack && !stackStatus.isStable) options.emit({ kind: 'rollback', status, done: countDone(), total: resources.size });
      return stackStatus.isStable && status !== 'REVIEW_IN_PROGRESS' ? stackStatus : undefined;
    }
    if (a.isStackEvent) return undefined;
    const key = [...a.nestedPath, e.LogicalResourceId].join('/');
    const progress: ResourceProgress = { logicalId: e.LogicalResourceId ?? '?', nestedPath: a.nestedPath, type: e.ResourceType, status, reason: e.ResourceStatusReason, time: e.Timestamp };
    resources.set(key, progress);
    options.emit({ kind: 'resource', resource: progress });
    return undefined;
  }

  function countDone(): number {
    let done = 0;
    for (const r of resources.values()) if (r.nestedPath.length === 0 && /_COMPLETE$|_SKIPPED$/.test(r.status)) done++;
    return done;
  }

  function report(): void {
    options.emit({ kind: 'progress', done: countDone(), total: Math.max(options.expectedResources, countTopLevel()), elapsedMs: now() - options.startTime, stackStatus: final?.name });
  }

  function countTopLevel(): number {
    let n = 0;
    for (const r of resources.values()) if (r.nestedPath.length === 0) n++;
    return n;
  }
}
