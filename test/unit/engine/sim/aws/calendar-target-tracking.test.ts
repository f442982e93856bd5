import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../../../../src/engine/sim/aws/clock';
import type { TargetTrackingSpec } from '../../../../../src/engine/sim/aws/aws-behaviour';
import { DEFAULT_LOAD, replayCalendar } from '../../../../../src/engine/sim/aws/calendar-replay';
import { calendarFromTerms } from '../../../../../src/engine/sim/aws/calendar-from-terms';
import { FleetCapacity, TargetTracker } from '../../../../../src/engine/sim/aws/fleet-capacity';
import { readAwsBehaviour } from '../../../../../src/engine/sim/aws/read-aws-behaviour';
import { calendarExpectations } from '../../../../../src/engine/sim/drills/calendar';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

const root = path.resolve(__dirname, '../../../../../..');
const MIN = 60_000;

/** Modelled time that moves only when the replay sleeps: a year of steps runs in a second, and no wall clock decides the result. */
function steppingClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => { now += ms; } };
}

function readDefault() {
  const file = path.join(root, 'infra-templates/default/infra/moodle-ha.yaml');
  return readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
}

const cpu60: TargetTrackingSpec = { policyId: 'P', metric: 'cpu', targetValue: 60, metricPeriodSeconds: 60, scaleIn: true, warmupSeconds: 300 };

describe('sim/aws calendar replay with target tracking and the school’s own terms', () => {
  it("reads the default template's policy (CPU 60 %, 5-minute basic metrics, 300 s warm-up) and the terms of its options file", () => {
    const aws = readDefault();
    assert.deepEqual(aws.targetTracking, { policyId: 'WebScalingPolicy', metric: 'cpu', targetValue: 60, metricPeriodSeconds: 300, scaleIn: true, warmupSeconds: 300 });
    assert.equal(aws.schoolYear?.timeZone, 'Europe/London');
    assert.deepEqual(aws.schoolYear?.terms.map((t) => t.name), ['Autumn1', 'Autumn2', 'Spring1', 'Spring2', 'Summer1', 'Summer2']);
  });

  it('a broken options file beside the template is a note, not a failure, and the replay falls back to a generic year', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-school-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    const file = path.join(dir, 'infra/moodle-ha.yaml');
    fs.copyFileSync(path.join(root, 'infra-templates/default/infra/moodle-ha.yaml'), file);
    fs.writeFileSync(path.join(dir, 'moodle-ha.options.json'), '{ "scaling": ');
    const aws = readAwsBehaviour(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), file);
    assert.equal(aws.schoolYear, undefined);
    assert.ok(aws.notes.some((n) => /options\.json is not JSON.*generic school year/.test(n)), aws.notes.join('\n'));
  });

  it('the terms make the holidays: half-terms and Christmas are the gaps, summer runs to the year’s end, deadlines are term Fridays', () => {
    const cal = calendarFromTerms({ source: 'x', timeZone: 'Europe/London', terms: [{ name: 'A', start: '2026-09-02', end: '2026-10-23' }, { name: 'B', start: '2026-11-02', end: '2026-12-18' }], exams: [] });
    assert.deepEqual(cal.holidays, [{ from: '2026-10-24', to: '2026-11-01', name: 'holiday after A' }, { from: '2026-12-19', to: '2027-09-01', name: 'holiday after B' }]);
    assert.equal(cal.end, '2027-09-01');
    assert.ok(cal.deadlines.includes('2026-10-23') && !cal.deadlines.includes('2026-10-30'), 'a Friday of half-term is no deadline');
  });

  it('a launched node serves only after its boot; the policy asks for more only after its alarm has seen the load', () => {
    const fleet = new FleetCapacity(2, 8 * MIN);
    fleet.setDesired(4, 0);
    assert.equal(fleet.servingAt(7 * MIN), 2);
    assert.equal(fleet.servingAt(8 * MIN), 4);
    fleet.setDesired(6, 10 * MIN);
    fleet.setDesired(3, 11 * MIN);
    assert.equal(fleet.servingAt(30 * MIN), 3, 'a scale-in cancels the launches still booting, then removes serving nodes');

    const tracker = new TargetTracker(cpu60);
    tracker.setHeld(2);
    tracker.observe(0, TargetTracker.wantedNodes(cpu60, 3, 0));
    assert.equal(TargetTracker.wantedNodes(cpu60, 3, 0), 5, '3 nodes of work at 60 % need 5 nodes');
    assert.equal(tracker.desiredAt(2 * MIN), 2, 'the alarm has not fired yet');
    assert.equal(tracker.desiredAt(3 * MIN), 5);
  });

  it("the default template with its own terms and target tracking covers the year; the same schedules without the policy do not", async () => {
    const aws = readDefault();
    const calendar = calendarFromTerms(aws.schoolYear!);
    const run = (targetTracking?: TargetTrackingSpec) => replayCalendar({ schedules: aws.schedules, initial: aws.autoScaling, targetTracking, calendar, clock: steppingClock(), stepMinutes: 5, recordMinutes: 30 });
    const tracked = await run(aws.targetTracking);
    assert.equal(tracked.shortMinutes, 0, JSON.stringify(tracked.shortfalls.slice(0, 3)));
    assert.ok(calendarExpectations(tracked).every((e) => e.ok));
    assert.match(tracked.scaling!, /target tracking \(WebScalingPolicy\).*scale-out 15 min.*basic monitoring, 5-minute metrics.*8 min later/);
    assert.ok(tracked.points.length > 17_000 && tracked.points.length < 17_600, 'one recorded point per half hour');
    const floorsOnly = await run(undefined);
    assert.ok(floorsOnly.shortfalls.some((s) => s.label === 'deadline 23:59'), 'the deadline needs more than the schedules give');
  });

  it('a surge the floors do not cover is short for the alarm and the boot, and more people than the maximum can serve fail all the same', async () => {
    const aws = readDefault();
    const calendar = calendarFromTerms(aws.schoolYear!);
    // The exam morning floor (5 nodes = 1,250 users at 100 %) taken away: only target tracking is left to meet 1,200 people at 08:45.
    const schedules = aws.schedules.filter((s) => !s.id.startsWith('ScheduleExamBoost'));
    const surge = await replayCalendar({ schedules, initial: aws.autoScaling, targetTracking: aws.targetTracking, calendar, clock: steppingClock(), stepMinutes: 5 });
    const exam = surge.shortfalls.filter((s) => s.label === 'exam morning');
    assert.ok(exam.length > 0, 'the exam mornings come up short');
    const minutes = (exam[0].to - exam[0].from) / MIN;
    // The term morning's rise at 08:30 has already started a scale-out, so the exam's 08:45 crowd
    // waits for those nodes: short from 08:45 until the launch serves, never longer than alarm + boot.
    assert.equal(new Date(exam[0].from).toISOString().slice(11, 16), '07:45', 'from 08:45 BST');
    assert.ok(minutes >= 5 && minutes <= 25, `short for ${minutes} min: at most the 15-min alarm on 5-minute metrics plus the 8-min boot`);

    const crowd = await replayCalendar({ schedules: aws.schedules, initial: aws.autoScaling, targetTracking: aws.targetTracking, calendar, clock: steppingClock(), stepMinutes: 5, model: { ...DEFAULT_LOAD, peakUsers: 4000 } });
    assert.ok(crowd.shortMinutes > 0 && !calendarExpectations(crowd).every((e) => e.ok), '4,000 people need more than MaxSize 10 nodes');
  });
});
