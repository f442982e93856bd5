import { DescribeStackEventsCommand, type CloudFormationClient, type StackEvent } from '@aws-sdk/client-cloudformation';

/** One event, with where it sits when nested stacks are involved. */
export interface StackActivity {
  event: StackEvent;
  /** Logical ids of the nested stacks above this event's stack, outermost first; empty for the root. */
  nestedPath: string[];
  /** The event is about a stack itself (root or nested), not a resource in it. */
  isStackEvent: boolean;
}

export interface StackEventPollerOptions {
  /** The stack's ARN is best: a name can be reused by a later stack. */
  stackName: string;
  /** Local time the operation started; events well before it belong to earlier operations. */
  startTime: number;
  /** How far the AWS clock may be behind ours; such events still count as this operation's. */
  clockSkewToleranceMs?: number;
  /** Follow nested stacks (AWS::CloudFormation::Stack resources) as they appear. */
  nested?: boolean;
  nestedPath?: string[];
  signal?: AbortSignal;
}

export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_PAGES_PER_POLL = 20;

/**
 * Reads a stack's events incrementally. Each poll pages newest-first until it reaches an event it
 * has seen, the start of this operation, or the time cutoff, and returns only new events, oldest
 * first. Events of earlier operations are ignored even when the clocks disagree: the operation's
 * own "User Initiated" stack event marks where it began.
 */
export class StackEventPoller {
  private readonly seen = new Set<string>();
  private readonly children = new Map<string, StackEventPoller>();
  private operationStartEventTime?: number;
  /** API calls made by the last poll (this stack and its nested ones). */
  lastPollCalls = 0;

  constructor(private readonly cfn: CloudFormationClient, private readonly options: StackEventPollerOptions) {}

  /** Marks everything currently listed as seen, so a later poll reports only what follows. */
  async skipExisting(): Promise<void> {
    const page = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.options.stackName }), { abortSignal: this.options.signal });
    for (const e of page.StackEvents ?? []) if (e.EventId) this.seen.add(e.EventId);
  }

  async poll(): Promise<StackActivity[]> {
    this.lastPollCalls = 0;
    const cutoff = this.options.startTime - (this.options.clockSkewToleranceMs ?? DEFAULT_CLOCK_SKEW_MS);
    const fresh: StackEvent[] = [];
    let token: string | undefined;
    let pages = 0;
    // Events that arrive while we page shift the pages: the same event can come twice in one poll.
    // That is a duplicate to skip; an event seen in an earlier poll means we have caught up.
    const thisPoll = new Set<string>();
    paging: do {
      const page = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.options.stackName, NextToken: token }), { abortSignal: this.options.signal });
      this.lastPollCalls++;
      pages++;
      for (const event of page.StackEvents ?? []) {
        const id = event.EventId ?? `${event.LogicalResourceId}/${event.ResourceStatus}/${event.Timestamp?.valueOf()}`;
        const time = event.Timestamp?.valueOf() ?? 0;
        if (thisPoll.has(id)) continue;
        if (this.seen.has(id)) break paging;
        if (time < cutoff) break paging;
        if (this.operationStartEventTime !== undefined && time < this.operationStartEventTime) break paging;
        thisPoll.add(id);
        fresh.push(event);
        if (this.isOperationStart(event)) {
          this.operationStartEventTime = time;
          break paging;
        }
      }
      token = page.NextToken;
    } while (token && pages < MAX_PAGES_PER_POLL);

    for (const id of thisPoll) this.seen.add(id);
    fresh.reverse();
    const path = this.options.nestedPath ?? [];
    const out: StackActivity[] = [];
    for (const event of fresh) {
      const isStackEvent = event.ResourceType === 'AWS::CloudFormation::Stack';
      out.push({ event, nestedPath: path, isStackEvent: isStackEvent && event.PhysicalResourceId === event.StackId });
      if (this.options.nested !== false && isStackEvent && event.PhysicalResourceId && event.PhysicalResourceId !== event.StackId
        && event.LogicalResourceId && !this.children.has(event.PhysicalResourceId)) {
        this.children.set(event.PhysicalResourceId, new StackEventPoller(this.cfn, {
          ...this.options, stackName: event.PhysicalResourceId, nestedPath: [...path, event.LogicalResourceId],
        }));
      }
    }
    if (this.children.size === 0) return out;
    for (const child of this.children.values()) {
      out.push(...await child.poll());
      this.lastPollCalls += child.lastPollCalls;
    }
    // A nested stack's events happen before its parent's summary of them: keep time order across stacks.
    return out.sort((a, b) => (a.event.Timestamp?.valueOf() ?? 0) - (b.event.Timestamp?.valueOf() ?? 0));
  }

  private isOperationStart(event: StackEvent): boolean {
    return event.ResourceType === 'AWS::CloudFormation::Stack'
      && event.PhysicalResourceId === event.StackId
      && /_IN_PROGRESS$/.test(event.ResourceStatus ?? '')
      && event.ResourceStatusReason === 'User Initiated';
  }
}
