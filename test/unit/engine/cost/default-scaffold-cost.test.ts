import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { estimateCost } from '../../../../src/engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../../../src/engine/cost/price-snapshot';
import { DEFAULT_USAGE } from '../../../../src/engine/cost/usage-assumptions';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { repoRoot } from '../../../support/fixtures';

/**
 * The hand calculation, written apart from the estimator: the template read with a plain YAML
 * parse (short-form tags kept as {tag: value}), parameter defaults looked up by hand, and the
 * scheduled actions stepped through in 15-minute steps with Intl doing the time-zone work.
 */
const TAGS = ['Ref', 'Sub', 'GetAtt', 'If', 'Equals', 'Not', 'And', 'Or', 'Select', 'Join', 'Split', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Cidr', 'Condition'];
const customTags = TAGS.flatMap((t) => ['scalar', 'seq', 'map'].map((collection) => ({ tag: `!${t}`, collection: collection === 'scalar' ? undefined : collection, resolve: (v: unknown) => ({ [`!${t}`]: v }) }))) as never;

type Resource = { Type: string; Condition?: string; Properties?: Record<string, unknown> };

function handCron(expr: string): (t: { minute: number; hour: number; day: number; month: number; weekday: number }) => boolean {
  const [mi, h, d, mo, w] = expr.split(' ').map((field) => (value: number) => field === '*' || field.split(',').some((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? value === a : value >= a && value <= b;
  }));
  return (t) => mi(t.minute) && h(t.hour) && d(t.day) && mo(t.month) && w(t.weekday);
}

describe('cost: the default scaffold against a hand calculation from the same price list', () => {
  const file = path.join(repoRoot(), 'infra-templates/default/infra/moodle-ha.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const template = parse(text, { customTags }) as { Parameters: Record<string, { Default?: unknown }>; Resources: Record<string, Resource>; Conditions?: Record<string, unknown> };
  const p = PRICE_SNAPSHOT.regions['eu-west-1'];
  const value = (v: unknown): unknown => (v && typeof v === 'object' && '!Ref' in v ? template.Parameters[(v as { '!Ref': string })['!Ref']]?.Default : v);
  const resources = Object.entries(template.Resources);
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);

  it('is within 10 % of the hand calculation in every month', function () {
    this.timeout(60_000);
    const natPerAz = String(template.Parameters.NatGatewayPerAz?.Default ?? 'true') === 'true';
    const nats = ofType('AWS::EC2::NatGateway').filter(([, r]) => !r.Condition || natPerAz).length;
    const auroraHourly = ofType('AWS::RDS::DBInstance').reduce((sum, [, r]) => sum + p.aurora[String(value(r.Properties!.DBInstanceClass))], 0);
    const cacheHourly = ofType('AWS::ElastiCache::ReplicationGroup').reduce((sum, [, r]) => sum + p.elasticache[String(value(r.Properties!.CacheNodeType))] * Number(value(r.Properties!.NumCacheClusters) ?? 1), 0);
    const launch = ofType('AWS::EC2::LaunchTemplate')[0][1].Properties!.LaunchTemplateData as { InstanceType: unknown };
    const webHourly = p.ec2[String(value(launch.InstanceType))];
    const asg = ofType('AWS::AutoScaling::AutoScalingGroup')[0][1].Properties!;
    const actions = ofType('AWS::AutoScaling::ScheduledAction').map(([, r]) => ({ cron: handCron(String(r.Properties!.Recurrence)), min: r.Properties!.MinSize as number | undefined, zone: String(r.Properties!.TimeZone ?? 'UTC') }));
    const zone = actions[0]?.zone ?? 'UTC';
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    let floor = Number(value(asg.MinSize));
    const nodeHours = new Array<number>(12).fill(0);
    for (let t = Date.UTC(2026, 11, 1); t < Date.UTC(2028, 0, 1); t += 15 * 60_000) {
      const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const local = { minute: Number(parts.minute), hour: Number(parts.hour), day: Number(parts.day), month: Number(parts.month), weekday: weekdays.indexOf(parts.weekday) };
      for (const a of actions) if (a.min !== undefined && a.cron(local)) floor = a.min;
      if (t >= Date.UTC(2027, 0, 1) && new Date(t).getUTCFullYear() === 2027) nodeHours[new Date(t).getUTCMonth()] += floor / 4;
    }
    const estimate = estimateCost(TemplateModel.parse(file, text), { region: 'eu-west-1', year: 2027 });
    for (let m = 0; m < 12; m++) {
      const hours = new Date(Date.UTC(2027, m + 1, 0)).getUTCDate() * 24;
      const hand = nodeHours[m] * webHourly + hours * (nats * p.natGatewayHour + p.albHour + auroraHourly + cacheHourly)
        + DEFAULT_USAGE.moodledataGb * p.efsStandardGbMonth + DEFAULT_USAGE.databaseGb * p.auroraStorageGbMonth + DEFAULT_USAGE.egressGb * p.dataTransferOutPerGb;
      const ratio = estimate.byMonth[m] / hand;
      if (process.env.MHA_PRINT_COST) console.log(`month ${m + 1}: estimate ${estimate.byMonth[m].toFixed(0)} hand ${hand.toFixed(0)} ratio ${ratio.toFixed(3)}`);
      assert.ok(ratio > 0.9 && ratio < 1.1, `month ${m + 1}: estimate $${estimate.byMonth[m].toFixed(0)} vs hand $${hand.toFixed(0)} (ratio ${ratio.toFixed(3)})`);
    }
  });
});
