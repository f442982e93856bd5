import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { validateOptions } from '../../../../src/engine/scaffold/validate-options';
import { defaultExamPeriod, EXAM_DAY_MORNINGS, parseExamPeriod, stepProblem, WIZARD_STEPS, type WizardStep } from '../../../../src/vscode/scaffold/wizard-steps';

type InputStep = Extract<WizardStep, { kind: 'input' }>;
type PickStep = Extract<WizardStep, { kind: 'pick' }>;
const prompted = (start: string) => WIZARD_STEPS.find((s): s is InputStep => s.kind === 'input' && s.prompt.startsWith(start))!;
const input = (field: string) => WIZARD_STEPS.find((s): s is InputStep => s.kind === 'input' && s.fields[0] === field)!;

/** The wizard's questions are plain data over the engine: testable without VS Code. */
describe('vscode/scaffold wizard steps (no VS Code needed)', () => {
  it('validates at the step that asks: min > max, a bad cron, a certificate from another region', () => {
    const draft = resolveOptions({ domain: { name: 'moodle.example.edu' } });
    assert.match(stepProblem(input('web.minSize'), draft, '5/5/3')!, /below the minimum/);
    assert.equal(stepProblem(input('web.minSize'), draft, '2/3/8'), undefined);
    const exam = prompted('Exam-day boost: cron');
    assert.match(stepProblem(exam, draft, '0 6 * *')!, /5 cron fields/);
    assert.match(stepProblem(input('domain.certificateArn'), draft, 'arn:aws:acm:us-east-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3')!, /us-east-1/);
    assert.match(stepProblem(input('projectName'), draft, 'My Moodle')!, /lower-case/);
  });

  it('every pick offers the current default, and every answer set by the steps stays valid', () => {
    const draft = resolveOptions({});
    for (const step of WIZARD_STEPS) {
      if (step.when && !step.when(draft)) continue;
      if (step.kind === 'pick') assert.ok(step.items(draft).some((i) => i.value === step.get(draft)), step.placeholder);
      else assert.equal(stepProblem(step, draft, step.get(draft)), undefined, step.prompt);
    }
  });

  it('asks the follow-up questions only when they apply', () => {
    const github = resolveOptions({ code: { source: 'github' } });
    const s3 = resolveOptions({});
    const asked = (o: ReturnType<typeof resolveOptions>) => WIZARD_STEPS.filter((s) => !s.when || s.when(o)).length;
    assert.ok(asked(github) > asked(s3));
  });

  describe('scheduled scaling', () => {
    const term = prompted('Term-time capacity: web servers');
    const holiday = prompted('Holiday minimum: web servers');
    const boost = prompted('Exam-day boost: web servers');
    const when = WIZARD_STEPS.find((s): s is PickStep => s.kind === 'pick' && s.placeholder === 'Exam-day boost: when')!;
    const dates = prompted('Exam-day boost: first / last day');
    const cron = prompted('Exam-day boost: cron');
    const zone = input('scaling.timeZone');
    const exam = (o: ReturnType<typeof resolveOptions>) => o.scaling.schedules.find((s) => s.kind === 'exam')!;

    it('offers the capacities of the default schedules, and sets the same fields as the JSON', () => {
      const draft = resolveOptions({});
      assert.equal(term.get(draft), '4/10');
      assert.equal(holiday.get(draft), '2/4');
      assert.equal(boost.get(draft), '5/12');
      boost.set(draft, '6/14');
      holiday.set(draft, ' 2 / 3 ');
      assert.deepEqual({ ...exam(draft) }, { name: 'ExamBoost', kind: 'exam', recurrence: '15 7 * 5,6 1-5', minSize: 6, maxSize: 14 });
      assert.deepEqual(draft.scaling.schedules.find((s) => s.kind === 'holiday')!.maxSize, 3);
      assert.deepEqual(validateOptions(draft), []);
    });

    it('refuses a capacity that is not min/max, below 2, or out of order (schedules never set a desired capacity)', () => {
      const draft = resolveOptions({});
      assert.match(stepProblem(term, draft, '3/3/8')!, /two whole numbers/);
      assert.match(stepProblem(term, draft, 'a/b')!, /two whole numbers/);
      assert.match(stepProblem(holiday, draft, '1/4')!, /at least 2/);
      assert.match(stepProblem(boost, draft, '6/4')!, /below the minimum/);
      assert.match(stepProblem(term, draft, '3/101')!, /up to 100/);
      assert.equal(stepProblem(boost, draft, '5/12'), undefined);
    });

    it('refuses a time zone Intl does not know, at the time zone step', () => {
      const draft = resolveOptions({});
      for (const ok of ['Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC']) assert.equal(stepProblem(zone, draft, ok), undefined, ok);
      for (const bad of ['Mars/Olympus', 'London', '']) assert.match(stepProblem(zone, draft, bad)!, /IANA time zone/, bad);
    });

    it('with a school-year calendar, asks the preset instead of crons and exam dates; without one, asks the crons', () => {
      const calendar = WIZARD_STEPS.find((s): s is PickStep => s.kind === 'pick' && /School year/.test(s.placeholder))!;
      const draft = resolveOptions({});
      assert.equal(calendar.get(draft), 'england-wales');
      assert.deepEqual(calendar.items(draft).map((i) => i.value), ['england-wales', 'us-district', 'australia-nsw', 'custom']);
      assert.ok(!cron.when!(draft) && !when.when!(draft) && !dates.when!(draft), 'a cron or exam-date question with a calendar');
      calendar.set(draft, 'australia-nsw');
      assert.equal(draft.scaling.calendar.preset, 'australia-nsw');
      assert.equal(draft.scaling.timeZone, 'Australia/Sydney');
      assert.ok(draft.scaling.calendar.exams.length > 0);
      assert.deepEqual(validateOptions(draft), []);
      calendar.set(draft, 'custom');
      assert.deepEqual(draft.scaling.calendar, { preset: 'custom', terms: [], exams: [] });
      assert.ok(cron.when!(draft) && when.when!(draft));
      assert.deepEqual(validateOptions(draft), []);
    });

    it('switches the exam boost between a yearly cron and one period of dates (no calendar)', () => {
      const draft = resolveOptions({ scaling: { calendar: { preset: 'custom', terms: [], exams: [] } } });
      assert.equal(when.get(draft), 'cron');
      assert.ok(when.items(draft).some((i) => i.value === 'dates'));
      assert.ok(cron.when!(draft) && !dates.when!(draft));
      when.set(draft, 'dates');
      // Every weekday morning within the period, so the term-time night schedule cannot undo it.
      assert.equal(exam(draft).recurrence, EXAM_DAY_MORNINGS);
      assert.equal(exam(draft).startTime, defaultExamPeriod(new Date()).startTime);
      assert.ok(!cron.when!(draft) && dates.when!(draft));
      assert.equal(stepProblem(dates, draft, dates.get(draft)), undefined);
      assert.deepEqual(validateOptions(draft), []);
      // Asked on the schedules' clocks like the crons (London in May is UTC+1), stored in UTC for Auto Scaling.
      assert.equal(draft.scaling.timeZone, 'Europe/London');
      assert.match(dates.note!(draft), /Europe\/London/);
      dates.set(draft, '2027-05-17/2027-06-11');
      assert.equal(exam(draft).startTime, '2027-05-16T23:00:00Z');
      assert.equal(exam(draft).endTime, '2027-06-11T22:59:59Z');
      assert.equal(dates.get(draft), '2027-05-17T00:00/2027-06-11T23:59:59');
      draft.scaling.timeZone = 'Australia/Sydney';
      dates.set(draft, '2027-05-17T08:00');
      assert.equal(exam(draft).startTime, '2027-05-16T22:00:00Z');
      dates.set(draft, '2027-05-17T08:00Z');
      assert.equal(exam(draft).startTime, '2027-05-17T08:00:00Z', 'a trailing Z is UTC');
      when.set(draft, 'cron');
      assert.equal(exam(draft).recurrence, '15 7 * 5,6 1-5');
      assert.equal(exam(draft).startTime, undefined);
      assert.equal(exam(draft).endTime, undefined);
      assert.equal(when.get(draft), 'cron');
    });

    it('refuses exam dates that are not ISO dates, not in the calendar, or run backwards', () => {
      const draft = resolveOptions({});
      when.set(draft, 'dates');
      assert.match(stepProblem(dates, draft, '17.05.2027')!, /not a date/);
      assert.match(stepProblem(dates, draft, '2027-02-30')!, /not a day in the calendar/);
      assert.match(stepProblem(dates, draft, '2027-05-17T25:00/2027-06-11')!, /not a time of day/);
      assert.equal(stepProblem(dates, draft, '2027-05-17T06:00/2027-06-11'), undefined);
      assert.match(stepProblem(dates, draft, '2027-06-11/2027-05-17')!, /before the start/);
      assert.match(stepProblem(dates, draft, '')!, /first exam day/);
      assert.match(stepProblem(dates, draft, '17/05/2027')!, /first exam day/);
      assert.equal(stepProblem(dates, draft, '2027-05-17'), undefined);
      assert.equal(stepProblem(dates, draft, '2027-05-17T06:30Z/2027-06-11T18:00:00Z'), undefined);
      assert.deepEqual(parseExamPeriod('2027-05-17', 'UTC'), ['2027-05-17T00:00:00Z', undefined]);
    });

    it('a bad cron is refused at the cron step of each kind', () => {
      const draft = resolveOptions({});
      for (const start of ['Term-time capacity: cron', 'Holiday minimum: cron', 'Exam-day boost: cron']) {
        assert.match(stepProblem(prompted(start), draft, '0 25 * * *')!, /hour/, start);
        assert.equal(stepProblem(prompted(start), draft, '0 7 * 9-12 MON-FRI'), undefined, start);
      }
    });

    it('asks no schedule questions when the design has no schedules', () => {
      const none = resolveOptions({ scaling: { schedules: [] } });
      const asked = WIZARD_STEPS.filter((s) => !s.when || s.when(none));
      assert.ok(!asked.some((s) => (s.kind === 'input' ? s.prompt : s.placeholder).match(/Term-time|Holiday|Exam-day|Time zone/)));
    });
  });
});
