import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failoverNotifications, sweepScript } from '../../../../src/engine/sim/aws/failover-lock-sweep';
import { SWEEP_SESSION_LOCKS_PHP } from '../../../../src/engine/scaffold/bundle/session-lock-sweep';
import { locateSimAssets } from '../../../../src/engine/sim/sim-assets';

describe("sim/aws: the cache endpoint's failover notifications (SNS envelopes, as the stack's Lambda reads them)", () => {
  it('reads FailoverComplete with its Timestamp as the cutoff, and skips other events and broken lines as the Lambda does', () => {
    const lines = [
      JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ 'ElastiCache:FailoverComplete': '10.1.0.5' }), Timestamp: '2026-12-01T19:00:00.250Z' }),
      JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ 'ElastiCache:SnapshotComplete': 'x' }), Timestamp: '2026-12-01T19:00:01.000Z' }),
      '{"Type":"Notification","Message":"not json","Timestamp":"2026-12-01T19:00:02.000Z"}',
      JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ 'ElastiCache:FailoverComplete': 'n' }), Timestamp: 'yesterday' }),
      'half a line {',
      '',
    ].join('\n');
    assert.deepEqual(failoverNotifications(lines), [{ node: '10.1.0.5', timestampMs: Date.parse('2026-12-01T19:00:00.250Z') }]);
  });

  it("the endpoint's notify script writes what this reader reads (sim/images/cache-redis/entrypoint.sh)", () => {
    const entrypoint = fs.readFileSync(path.join(locateSimAssets(__dirname), 'images', 'cache-redis', 'entrypoint.sh'), 'utf8');
    assert.match(entrypoint, /sentinel client-reconfig-script sessions \/usr\/local\/bin\/mha-failover-notify/);
    const format = entrypoint.match(/printf '(\{"Type".*\})\\n'/)?.[1];
    assert.ok(format, 'the printf line');
    // What the shell's printf makes of the format: \\" is \", %s the arguments.
    const line = format.replace(/\\\\/g, '\\').replace('%s', '10.1.0.5').replace('%s', '2026-12-01T19:00:00.250Z').replace('%s', '10.1.0.4');
    assert.deepEqual(failoverNotifications(line), [{ node: '10.1.0.5', timestampMs: Date.parse('2026-12-01T19:00:00.250Z') }]);
  });

  it("the replica runs the scaffold bundle's own sweep file", () => {
    assert.equal(sweepScript(locateSimAssets(__dirname)).content, SWEEP_SESSION_LOCKS_PHP);
  });
});
