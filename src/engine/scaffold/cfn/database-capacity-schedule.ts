import { dayAfter } from '../calendar';
import { GetAtt, Sub, type CfnValue } from './intrinsics';
import { tags, type BuildContext } from './section';

/** EventBridge Scheduler's universal target for the RDS API call that changes a cluster's ACU range. */
export const MODIFY_CLUSTER_TARGET = 'arn:aws:scheduler:::aws-sdk:rds:modifyDBCluster';

/**
 * Aurora Serverless v2's holiday floor: for each term of the calendar, one yearly schedule sets the
 * cluster's minimum capacity to the term floor on the term's first day (05:00, before the web
 * tier's term-day action), and one sets it to the holiday floor on the day after the term ends
 * (01:00). CloudFormation has no scheduled action for Aurora capacity, so EventBridge Scheduler
 * calls rds:ModifyDBCluster with a role allowed only that, on this cluster. Without terms there is
 * no holiday and no schedule: the floor stays the term floor.
 */
export function databaseCapacitySchedules(ctx: BuildContext): Record<string, CfnValue> {
  const { options } = ctx;
  const s = options.database.serverless;
  const terms = options.scaling.calendar.terms;
  if (!terms.length) return {};
  const input = (min: number) => Sub(JSON.stringify({ DbClusterIdentifier: '${DatabaseCluster}', ServerlessV2ScalingConfiguration: { MinCapacity: min, MaxCapacity: s.maxAcu } }));
  const schedule = (description: string, cron: string, min: number): CfnValue => ({
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      Description: description,
      ScheduleExpression: cron,
      ScheduleExpressionTimezone: options.scaling.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: MODIFY_CLUSTER_TARGET, RoleArn: GetAtt('DatabaseCapacityScheduleRole', 'Arn'), Input: input(min), RetryPolicy: { MaximumRetryAttempts: 10 } },
    },
  });
  const resources: Record<string, CfnValue> = {
    DatabaseCapacityScheduleRole: {
      '//': "Aurora Serverless v2's holiday floor: EventBridge Scheduler may change this cluster's capacity range, nothing else.",
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': Sub('${AWS::AccountId}') } } }] },
        Policies: [{
          PolicyName: 'moodle-db-capacity-schedule',
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'rds:ModifyDBCluster', Resource: Sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:${DatabaseCluster}') }] },
        }],
        Tags: tags('db-capacity-schedule'),
      },
    },
  };
  for (const term of terms) {
    const [, month, day] = term.start.split('-').map(Number);
    const after = dayAfter(term.end);
    resources[`DatabaseTermFloor${term.name}`] = schedule(`${term.name} starts: database minimum ${s.termMinAcu} ACU`, `cron(0 5 ${day} ${month} ? *)`, s.termMinAcu);
    resources[`DatabaseHolidayFloor${term.name}`] = schedule(`After ${term.name}: database minimum ${s.holidayMinAcu} ACU until the next term`, `cron(0 1 ${after.day} ${after.month} ? *)`, s.holidayMinAcu);
  }
  return resources;
}
