import * as assert from 'node:assert/strict';
import type { DeployMessage } from '../../../../src/engine/deploy/deploy-messages';
import { monitorStack } from '../../../../src/engine/deploy/stack-monitor';
import { FakeEventsClient } from './fake-events-client';

const ROOT = 'arn:aws:cloudformation:us-east-1:1:stack/web/1';
const NESTED = 'arn:aws:cloudformation:us-east-1:1:stack/web-Db-X/2';

describe('monitorStack', () => {
  it('names the nested resource that failed first, not the summaries or the cancelled siblings', async () => {
    const fake = new FakeEventsClient();
    fake.pageSize = 100;
    const t0 = Date.now();
    fake.stackEvent(ROOT, 'CREATE_IN_PROGRESS', t0 + 1, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'Db', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatus: 'CREATE_IN_PROGRESS', at: t0 + 2 });
    fake.add(ROOT, { LogicalResourceId: 'Web', ResourceStatus: 'CREATE_IN_PROGRESS', at: t0 + 3 });
    fake.stackEvent(NESTED, 'CREATE_IN_PROGRESS', t0 + 4, 'User Initiated');
    fake.add(NESTED, { LogicalResourceId: 'Instance', ResourceType: 'AWS::RDS::DBInstance', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'DB quota exceeded', at: t0 + 5 });
    fake.add(ROOT, { LogicalResourceId: 'Db', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Embedded stack web-Db-X was not successfully created: The following resource(s) failed to create: [Instance].', at: t0 + 6 });
    fake.add(ROOT, { LogicalResourceId: 'Web', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Resource creation cancelled', at: t0 + 7 });
    fake.stackEvent(ROOT, 'ROLLBACK_IN_PROGRESS', t0 + 8, 'The following resource(s) failed to create: [Db, Web].');
    fake.stackEvent(ROOT, 'ROLLBACK_COMPLETE', t0 + 9);
    const messages: DeployMessage[] = [];
    const result = await monitorStack(fake.asClient(), { stackId: ROOT, startTime: t0, expectedResources: 2, emit: (m) => messages.push(m), activeIntervalMs: 5, idleIntervalMs: 5 });
    assert.equal(result.status.name, 'ROLLBACK_COMPLETE');
    assert.deepEqual(result.firstFailure && [result.firstFailure.nestedPath, result.firstFailure.logicalId, result.firstFailure.reason], [['Db'], 'Instance', 'DB quota exceeded']);
    assert.equal(messages.filter((m) => m.kind === 'failure').length, 1);
  });

  it('spaces polls so that a poll reading two stacks waits twice as long (≤ one call per interval)', async () => {
    const fake = new FakeEventsClient();
    const t0 = Date.now();
    fake.stackEvent(ROOT, 'UPDATE_IN_PROGRESS', t0 + 1, 'User Initiated');
    fake.add(ROOT, { LogicalResourceId: 'Db', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatus: 'UPDATE_IN_PROGRESS', at: t0 + 2 });
    let polls = 0;
    fake.onPage = (stack) => { if (stack === ROOT && ++polls === 6) fake.stackEvent(ROOT, 'UPDATE_COMPLETE', Date.now()); };
    const start = Date.now();
    await monitorStack(fake.asClient(), { stackId: ROOT, startTime: t0, expectedResources: 1, emit: () => undefined, activeIntervalMs: 40, idleIntervalMs: 40 });
    const elapsed = Date.now() - start;
    const calls = fake.calls.length;
    assert.ok(calls >= 10, `${calls} calls`);
    // (calls - 2) gaps each of at least 40 ms per call read: never faster than one call per 40 ms.
    assert.ok(elapsed >= (calls - 2) * 40, `${calls} calls in ${elapsed} ms`);
  });
});
