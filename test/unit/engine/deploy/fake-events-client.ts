import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';

/**
 * Answers DescribeStackEvents from in-memory lists, newest first, in pages of `pageSize`.
 * `insertDuringPaging` lets a test add events between two page requests of one poll, which is
 * how the same event shows up on two pages against the real API.
 */
export class FakeEventsClient {
  readonly events = new Map<string, StackEvent[]>();
  pageSize = 3;
  calls: Array<{ stack: string; token?: string }> = [];
  onPage?: (stack: string, token: string | undefined) => void;

  add(stackId: string, e: Partial<StackEvent> & { at: number }): StackEvent {
    const event: StackEvent = {
      StackId: stackId, StackName: stackId.split('/')[1] ?? stackId, EventId: `${stackId}#${e.LogicalResourceId}#${e.ResourceStatus}#${e.at}`,
      Timestamp: new Date(e.at), ResourceType: 'AWS::S3::Bucket', PhysicalResourceId: `${e.LogicalResourceId}-phys`, ...e,
    } as StackEvent;
    const list = this.events.get(stackId) ?? [];
    list.unshift(event);
    list.sort((a, b) => b.Timestamp!.valueOf() - a.Timestamp!.valueOf());
    this.events.set(stackId, list);
    return event;
  }

  stackEvent(stackId: string, status: string, at: number, reason?: string): StackEvent {
    return this.add(stackId, { LogicalResourceId: stackId.split('/')[1], ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: stackId, ResourceStatus: status as never, ResourceStatusReason: reason, at });
  }

  asClient(): CloudFormationClient {
    return {
      send: async (command: { input: { StackName: string; NextToken?: string } }) => {
        const { StackName, NextToken } = command.input;
        this.onPage?.(StackName, NextToken);
        this.calls.push({ stack: StackName, token: NextToken });
        // Tokens are an event id: the next page starts after it, as a cursor (so inserts shift nothing).
        const list = this.events.get(StackName) ?? [];
        const from = NextToken ? list.findIndex((e) => e.EventId === NextToken) + 1 : 0;
        const page = list.slice(from, from + this.pageSize);
        const more = from + this.pageSize < list.length;
        return { StackEvents: page, NextToken: more ? page.at(-1)!.EventId : undefined };
      },
    } as unknown as CloudFormationClient;
  }
}
