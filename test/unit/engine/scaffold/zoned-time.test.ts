import * as assert from 'node:assert/strict';
import { utcToZoned, zonedToUtc } from '../../../../src/engine/scaffold/zoned-time';

describe('scaffold: wall-clock times in a zone and the UTC instants Auto Scaling takes', () => {
  it('reads a time on the zone\'s clocks, summer and winter', () => {
    assert.equal(zonedToUtc('2027-05-17T06:30:00', 'Europe/London'), '2027-05-17T05:30:00Z');
    assert.equal(zonedToUtc('2027-01-11T00:00:00', 'Europe/London'), '2027-01-11T00:00:00Z');
    assert.equal(zonedToUtc('2027-06-11T23:59:59', 'Australia/Sydney'), '2027-06-11T13:59:59Z');
    assert.equal(zonedToUtc('2027-05-17T00:00', 'America/New_York'), '2027-05-17T04:00:00Z');
    assert.equal(zonedToUtc('2027-05-17T08:00', 'UTC'), '2027-05-17T08:00:00Z');
  });

  it('on the day the clocks change (London, 28 March 2027: 01:00 → 02:00)', () => {
    assert.equal(zonedToUtc('2027-03-28T00:30', 'Europe/London'), '2027-03-28T00:30:00Z');
    assert.equal(zonedToUtc('2027-03-28T03:00', 'Europe/London'), '2027-03-28T02:00:00Z');
  });

  it('shows a UTC instant on the zone\'s clocks, and back again', () => {
    assert.equal(utcToZoned('2027-05-17T05:30:00Z', 'Europe/London'), '2027-05-17T06:30');
    assert.equal(utcToZoned('2027-06-11T13:59:59Z', 'Australia/Sydney'), '2027-06-11T23:59:59');
    for (const local of ['2027-05-17T06:30', '2027-12-24T18:00', '2027-06-11T23:59:59']) {
      assert.equal(utcToZoned(zonedToUtc(local, 'Europe/Berlin'), 'Europe/Berlin'), local);
    }
  });
});
