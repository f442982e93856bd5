import * as assert from 'node:assert/strict';
import { replayCapacityYear } from '../../../../src/engine/cost/capacity-year';
import { TemplateValues } from '../../../../src/engine/cost/template-values';
import { TemplateModel } from '../../../../src/engine/template/template-model';

function stack(actions: string, asg = "MinSize: '2'\n      MaxSize: '8'"): TemplateModel {
  return TemplateModel.parse('t.yaml', `Resources:
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      ${asg}
${actions}`);
}

function replay(model: TemplateModel, scalesOnLoad = true) {
  return replayCapacityYear(model, new TemplateValues(model), model.resource('Web')!, 2027, scalesOnLoad);
}

describe('cost: replay of a school year of scheduled actions', () => {
  it('applies actions in their time zone, across daylight saving time', () => {
    const model = stack(`  Morning:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 8 * * *', TimeZone: Europe/London, MinSize: 5 }
  Evening:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 17 * * *', TimeZone: Europe/London, MinSize: 2 }`);
    const year = replay(model);
    // 9 local hours at 5 instead of 2 every day, whatever the UTC offset: 365 × 9 × 3 extra node-hours.
    const total = year.nodeHoursByMonth.reduce((a, b) => a + b, 0);
    assert.equal(total, 365 * 24 * 2 + 365 * 9 * 3);
    const summer = year.days.find((d) => d.date === '2027-07-01')!;
    assert.deepEqual([summer.noon, summer.evening, summer.noonAction], [5, 2, 'Morning']);
  });

  it('starts 1 January in the state December left it in', () => {
    const model = stack(`  Holidays:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 0 20 12 *', MinSize: 1 }
  Term:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 0 4 1 *', MinSize: 3 }`);
    const days = replay(model).days;
    assert.equal(days[0].noon, 1, 'the December holiday floor is still in force on 1 January');
    assert.equal(days.find((d) => d.date === '2027-01-04')!.noon, 3);
    assert.equal(days.find((d) => d.date === '2027-12-24')!.noon, 1);
  });

  it('honours StartTime and EndTime, and one-off actions', () => {
    const model = stack(`  Exams:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 7 * * *', StartTime: '2027-05-10T00:00:00Z', EndTime: '2027-05-20T00:00:00Z', MinSize: 6 }
  ExamsOver:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, StartTime: '2027-05-20T18:00:00Z', MinSize: 2 }`);
    const days = replay(model).days;
    const on = (date: string) => days.find((d) => d.date === date)!.noon;
    assert.deepEqual([on('2027-05-09'), on('2027-05-10'), on('2027-05-19'), on('2027-05-20'), on('2027-05-21')], [2, 6, 6, 6, 2]);
  });

  it('counts Desired, kept within Min..Max, when no scaling policy moves the group', () => {
    const model = stack(`  Busy:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 0 1 3 *', DesiredCapacity: 12 }`, "MinSize: '2'\n      MaxSize: '8'\n      DesiredCapacity: '3'");
    const days = replay(model, false).days;
    assert.equal(days.find((d) => d.date === '2027-02-01')!.noon, 3);
    assert.equal(days.find((d) => d.date === '2027-03-02')!.noon, 8, 'Desired 12 is capped at MaxSize 8');
  });

  it('leaves out an action it cannot replay, and says why', () => {
    const model = stack(`  Broken:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 7 * *', MinSize: 9 }
  BadZone:
    Type: AWS::AutoScaling::ScheduledAction
    Properties: { AutoScalingGroupName: !Ref Web, Recurrence: '0 7 * * *', TimeZone: Mars/Olympus, MinSize: 9 }`);
    const year = replay(model);
    assert.deepEqual(year.actions.map((a) => a.problem), ["its Recurrence '0 7 * *' is not a five-field cron", "its TimeZone 'Mars/Olympus' is not an IANA time zone"]);
    assert.ok(year.days.every((d) => d.peak === 2));
  });
});
