import * as assert from 'node:assert/strict';
import { parseCron, type LocalTime } from '../../../../src/engine/cost/cron-schedule';

const at = (minute: number, hour: number, day: number, month: number, weekday: number): LocalTime => ({ year: 2027, minute, hour, day, month, weekday });

describe('cost: cron schedules of scheduled actions', () => {
  it('matches lists, ranges, steps and names', () => {
    const cron = parseCron('*/30 7-9 * JAN-APR,9-12 MON-FRI')!;
    assert.equal(cron.matches(at(30, 8, 12, 2, 3)), true);
    assert.equal(cron.matches(at(15, 8, 12, 2, 3)), false, 'minute 15 is not a multiple of 30');
    assert.equal(cron.matches(at(0, 8, 12, 7, 3)), false, 'July is not listed');
    assert.equal(cron.matches(at(0, 8, 13, 2, 6)), false, 'Saturday is not a weekday');
    assert.deepEqual(cron.minutes, [0, 30]);
  });

  it('matches day-of-month OR day-of-week when both are restricted, as cron does', () => {
    const cron = parseCron('0 6 1 * 1')!;
    assert.equal(cron.matches(at(0, 6, 1, 3, 4)), true, 'the 1st, a Thursday');
    assert.equal(cron.matches(at(0, 6, 8, 3, 1)), true, 'a Monday, not the 1st');
    assert.equal(cron.matches(at(0, 6, 9, 3, 2)), false);
  });

  it('treats weekday 7 as Sunday and refuses what is not cron', () => {
    assert.equal(parseCron('0 0 * * 7')!.matches(at(0, 0, 3, 1, 0)), true);
    for (const bad of ['0 0 * *', '61 0 * * *', '0 0 * * 1-9', '*/0 * * * *', '0 0 * FOO *', '5-1 * * * *']) assert.equal(parseCron(bad), undefined, bad);
  });
});
