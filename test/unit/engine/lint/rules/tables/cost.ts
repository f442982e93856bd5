import { databaseIdleInHolidays } from '../../../../../../src/engine/lint/rules/cost/database-idle-in-holidays';
import { natGatewayPerAzCost } from '../../../../../../src/engine/lint/rules/cost/nat-gateway-per-az-cost';
import type { RuleTable } from '../rule-table';
import { AURORA, stack } from './snippets';

const nat = (name: string, extra: string[] = []) => [`  ${name}:`, '    Type: AWS::EC2::NatGateway', ...extra, '    Properties:', '      SubnetId: !Ref SubnetA', '      AllocationId: eipalloc-1'];
const SCHEDULE = ['  Term:', '    Type: AWS::AutoScaling::ScheduledAction', '    Properties:', '      AutoScalingGroupName: !Ref Web', '      Recurrence: 0 7 * 9-12 1-5', '      MinSize: 4'];
const SERVERLESS = AURORA.map((l) => l.replace('db.r6g.large', 'db.serverless'));

export const costTables: RuleTable[] = [
  {
    rule: natGatewayPerAzCost,
    valid: [
      { name: 'one shared NAT gateway', template: stack({ resources: nat('NatA') }) },
      { name: 'the second gateway only exists when a condition is true, and it is not', template: stack({ parameters: ['  PerAz:', '    Type: String', '    Default: "false"'], resources: nat('NatA').concat(nat('NatB', ['    Condition: NatPerAz'])) }).replace('Resources:', 'Conditions:\n  NatPerAz: !Equals [!Ref PerAz, "true"]\nResources:') },
      { name: 'no web tier: not a Moodle stack', template: stack({ noWebTier: true, resources: [...nat('NatA'), ...nat('NatB')] }) },
    ],
    invalid: [
      { name: 'a NAT gateway in each of two zones', template: stack({ resources: [...nat('NatA'), ...nat('NatB')] }), line: '  NatA:', message: /^2 NAT gateways cost about \$66 a month before data \(\$33 each; us-east-1 on-demand prices of \d{4}-\d\d-\d\d.*One gateway shared by every zone costs \$33/ },
    ],
  },
  {
    rule: databaseIdleInHolidays,
    valid: [
      { name: 'Aurora Serverless v2 instances', template: stack({ resources: [...SERVERLESS, ...SCHEDULE] }) },
      { name: 'no scheduled actions: the site does not follow a calendar', template: stack({ resources: AURORA }) },
      { name: 'an instance class the snapshot does not price: nothing said', template: stack({ resources: [...AURORA.map((l) => l.replace('db.r6g.large', 'db.x2g.16xlarge')), ...SCHEDULE] }) },
    ],
    invalid: [
      {
        name: 'two provisioned instances and a school-year schedule', template: stack({ resources: [...AURORA, ...SCHEDULE] }), line: '  Db:',
        message: /2 provisioned Aurora instance\(s\) \(db\.r6g\.large\) bill \$380 a month all year.*Serverless v2.*about \$88 a month/,
      },
    ],
  },
];
