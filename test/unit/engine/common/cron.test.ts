import * as assert from 'node:assert/strict';
import { cronOccurrences, cronProblem, parseCron, readCron } from '../../../../src/engine/common/cron';
import { LocalClock, localTime } from '../../../../src/engine/common/local-clock';
import { parseCron as costCron } from '../../../../src/engine/cost/cron-schedule';
import { occurrences, parseCron as simCron } from '../../../../src/engine/sim/aws/cron-schedule';

describe('common: one cron reader for the scaffolder, the cost replay and the replica', () => {
  // Each of these was accepted by at least one of the three former readers (the replica's read
  // '' as 0, '0x1' as 1 and a backwards range as "never"; the cost replay ignored a third '/'
  // or '-' part) while Auto Scaling refuses it.
  const lenient = ['1- * * * *', '0x1 * * * *', '5-1 * * * *', ', * * * *', '1e1 * * * *', '0 0 1-2-3 * *', '*/5/2 * * * *', '0 0 * * 1.0'];

  it('all three refuse what Auto Scaling refuses, each in its own way, with the same reason', () => {
    for (const bad of lenient) {
      const problem = cronProblem(bad);
      assert.ok(problem, `scaffold refuses '${bad}'`);
      assert.equal(costCron(bad), undefined, `cost leaves out '${bad}'`);
      assert.throws(() => simCron(bad), (e: Error) => e.message.includes(problem), `replica refuses '${bad}'`);
    }
  });

  it('names the field and what is wrong with it', () => {
    assert.equal(cronProblem('0 25 * * *'), "The hour field '25' must use 0-23, '*', ',', '-' and '/'.");
    assert.equal(cronProblem('0 0 * 12-1 *'), "The month field '12-1' has a range that runs backwards.");
    assert.match(readCron('0 7 * *').problem!, /5 cron fields/);
    assert.throws(() => parseCron('0 7 * *'), /not a valid 5-field cron expression/);
  });

  it('agrees with itself: the cost view and the replica view of one expression match the same minutes', () => {
    const expression = '15,45 6-8 1 JAN-MAR,9 MON,FRI';
    const clock = new LocalClock('Europe/London');
    const from = Date.UTC(2027, 0, 1), to = Date.UTC(2027, 2, 1);
    const byCost: number[] = [];
    for (let t = from; t < to; t += 15 * 60_000) if (costCron(expression)!.matches(clock.at(t))) byCost.push(t);
    assert.ok(byCost.length > 40);
    assert.deepEqual(occurrences(expression, 'Europe/London', from, to), byCost);
    assert.deepEqual(cronOccurrences(parseCron(expression), 'Europe/London', from, to), byCost);
  });

  it('localTime and LocalClock agree with Intl across a DST change, in whole and half-hour zones', () => {
    for (const zone of ['Europe/London', 'America/New_York', 'Australia/Adelaide', 'Asia/Kolkata', 'UTC']) {
      const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
      const clock = new LocalClock(zone);
      for (let t = Date.UTC(2027, 2, 26); t < Date.UTC(2027, 3, 6); t += 17 * 60_000) {
        const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
        const want = { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday) };
        assert.deepEqual(clock.at(t), want, `${zone} ${new Date(t).toISOString()}`);
        assert.deepEqual(localTime(t, zone), want);
      }
    }
    assert.throws(() => localTime(0, 'Mars/Olympus'), RangeError);
  });
});
