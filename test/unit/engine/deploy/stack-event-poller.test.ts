import * as assert from 'node:assert/strict';
import { StackEventPoller } from '../../../../src/engine/deploy/stack-event-poller';
import { FakeEventsClient } from './fake-events-client';

const ROOT = 'arn:aws:cloudformation:us-east-1:1:stack/web/1';
const NESTED = 'arn:aws:cloudformation:us-east-1:1:stack/web-Db-X/2';
const T0 = Date.parse('2026-11-26T12:00:00Z');
const ids = (activities: Array<{ event: { LogicalResourceId?: string; ResourceStatus?: string } }>) =>
  activities.map((a) => `${a.event.LogicalResourceId}:${a.event.ResourceStatus}`);

describe('StackEventPoller', () => {
  it('returns new events oldest first, across several pages, and each only once', async () => {
    const fake = new FakeEventsClient();
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', T0, 'User Initiated');
    for (let i = 1; i <= 7; i++) fake.add(ROOT, { LogicalResourceId: `R${i}`, ResourceStatus: 'UPDATE_COMPLETE', at: T0 + i * 1000 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    const first = await poller.poll();
    assert.deepEqual(ids(first), ['web:UPDATE_IN_PROGRESS', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `R${i}:UPDATE_COMPLETE`)]);
    assert.equal(poller.lastPollCalls, 3, 'eight events in pages of three');
    fake.add(ROOT, { LogicalResourceId: 'R8', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + 8000 });
    assert.deepEqual(ids(await poller.poll()), ['R8:UPDATE_COMPLETE']);
    assert.equal(poller.lastPollCalls, 1, 'stops at the first event it has seen');
    assert.deepEqual(await poller.poll(), []);
  });

  it('drops an event that appears on two pages when new events arrive while paging', async () => {
    const fake = new FakeEventsClient();
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', T0, 'User Initiated');
    for (let i = 1; i <= 5; i++) fake.add(ROOT, { LogicalResourceId: `R${i}`, ResourceStatus: 'UPDATE_COMPLETE', at: T0 + i * 1000 });
    // With offset pagination (as a real API can behave), an insert between pages repeats the page boundary event.
    let inserted = false;
    const offsetClient = {
      send: async (command: { input: { StackName: string; NextToken?: string } }) => {
        const list = fake.events.get(ROOT)!;
        const from = Number(command.input.NextToken ?? 0);
        const page = list.slice(from, from + 3);
        if (!inserted) { inserted = true; fake.add(ROOT, { LogicalResourceId: 'R6', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + 6000 }); }
        return { StackEvents: page, NextToken: from + 3 < list.length ? String(from + 3) : undefined };
      },
    };
    const poller = new StackEventPoller(offsetClient as never, { stackName: ROOT, startTime: T0 });
    const got = ids(await poller.poll());
    assert.equal(new Set(got).size, got.length, `duplicates in ${got.join(', ')}`);
    assert.ok(got.includes('R2:UPDATE_COMPLETE') && got.includes('web:UPDATE_IN_PROGRESS'));
    assert.deepEqual(ids(await poller.poll()), ['R6:UPDATE_COMPLETE']);
  });

  it('ignores events of earlier operations, even ones inside the clock-skew window', async () => {
    const fake = new FakeEventsClient();
    // An earlier update two minutes ago: inside the five-minute tolerance, but before this operation began.
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', T0 - 120_000, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'Old', ResourceStatus: 'UPDATE_COMPLETE', at: T0 - 110_000 });
    fake.stackEvent(ROOT, 'UPDATE_COMPLETE', T0 - 100_000);
    // And one from yesterday, far outside it.
    fake.add(ROOT, { LogicalResourceId: 'Ancient', ResourceStatus: 'CREATE_COMPLETE', at: T0 - 86_400_000 });
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', T0 + 500, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'New', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + 1500 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    assert.deepEqual(ids(await poller.poll()), ['web:UPDATE_IN_PROGRESS', 'New:UPDATE_COMPLETE']);
  });

  it('ignores events older than the operation by time when no start marker is visible', async () => {
    const fake = new FakeEventsClient();
    fake.add(ROOT, { LogicalResourceId: 'Ancient', ResourceStatus: 'CREATE_COMPLETE', at: T0 - 3_600_000 });
    fake.add(ROOT, { LogicalResourceId: 'New', ResourceStatus: 'DELETE_IN_PROGRESS', at: T0 + 100 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    assert.deepEqual(ids(await poller.poll()), ['New:DELETE_IN_PROGRESS']);
  });

  it('keeps events stamped before our start when the AWS clock runs behind ours (clock skew)', async () => {
    const fake = new FakeEventsClient();
    const skew = -90_000; // AWS 90 s behind
    fake.add(ROOT, { LogicalResourceId: 'Previous', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + skew - 600_000 });
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', T0 + skew + 200, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'Web', ResourceStatus: 'UPDATE_IN_PROGRESS', at: T0 + skew + 900 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    assert.deepEqual(ids(await poller.poll()), ['web:UPDATE_IN_PROGRESS', 'Web:UPDATE_IN_PROGRESS']);
    // With no tolerance, the same events would be lost: the tolerance is what keeps them.
    const strict = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0, clockSkewToleranceMs: 0 });
    assert.deepEqual(await strict.poll(), []);
  });

  it('follows nested stacks as they appear, naming each event by its path, in time order', async () => {
    const fake = new FakeEventsClient();
    fake.stackEvent(ROOT, 'CREATE_IN_PROGRESS', T0, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'Db', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatus: 'CREATE_IN_PROGRESS', at: T0 + 1000 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    assert.deepEqual(ids(await poller.poll()), ['web:CREATE_IN_PROGRESS', 'Db:CREATE_IN_PROGRESS']);
    fake.stackEvent(NESTED, 'CREATE_IN_PROGRESS', T0 + 1100, 'User Initiated');
    fake.add(NESTED, { LogicalResourceId: 'Instance', ResourceType: 'AWS::RDS::DBInstance', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'DB quota exceeded', at: T0 + 2000 });
    fake.add(ROOT, { LogicalResourceId: 'Db', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Embedded stack was not successfully created', at: T0 + 3000 });
    const second = await poller.poll();
    assert.deepEqual(ids(second), ['web-Db-X:CREATE_IN_PROGRESS', 'Instance:CREATE_FAILED', 'Db:CREATE_FAILED']);
    const instance = second.find((a) => a.event.LogicalResourceId === 'Instance')!;
    assert.deepEqual(instance.nestedPath, ['Db']);
    assert.equal(instance.isStackEvent, false);
    assert.equal(poller.lastPollCalls, 2, 'one call for the root, one for the nested stack');
  });

  it('skipExisting makes the first poll report only what follows', async () => {
    const fake = new FakeEventsClient();
    fake.add(ROOT, { LogicalResourceId: 'Before', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + 10 });
    const poller = new StackEventPoller(fake.asClient(), { stackName: ROOT, startTime: T0 });
    await poller.skipExisting();
    fake.add(ROOT, { LogicalResourceId: 'After', ResourceStatus: 'UPDATE_COMPLETE', at: T0 + 20 });
    assert.deepEqual(ids(await poller.poll()), ['After:UPDATE_COMPLETE']);
  });
});
