import * as assert from 'node:assert/strict';
import { describeWizardCost } from '../../../../src/engine/cost/describe-wizard-cost';
import { estimateCost } from '../../../../src/engine/cost/estimate-cost';
import { pricesFor } from '../../../../src/engine/cost/price-snapshot';
import { estimateWizardCost, type WizardCostEstimate } from '../../../../src/engine/cost/wizard-estimate';
import { runHaRules } from '../../../../src/engine/lint/run-ha-rules';
import { databaseIdleInHolidays } from '../../../../src/engine/lint/rules/cost/database-idle-in-holidays';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { MODIFY_CLUSTER_TARGET } from '../../../../src/engine/scaffold/cfn/database-capacity-schedule';
import { toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { renderTemplateJson } from '../../../../src/engine/scaffold/cfn/render-template';
import { checkConfigShape } from '../../../../src/engine/scaffold/config-schema';
import { resolveOptions, type ScaffoldOptionsInput } from '../../../../src/engine/scaffold/options';
import { renderReadme } from '../../../../src/engine/scaffold/readme';
import { validateOptions } from '../../../../src/engine/scaffold/validate-options';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../src/engine/topology/derive';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated template read back as JSON
type Json = any;
const SERVERLESS: ScaffoldOptionsInput = { database: { serverless: { enabled: true, termMinAcu: 2, holidayMinAcu: 0.5, maxAcu: 16 } } };
const build = (input: ScaffoldOptionsInput) => toPlain(buildTemplate(resolveOptions(input)) as never) as { Parameters: Record<string, Json>; Resources: Record<string, Json> };
const estimated = (input: ScaffoldOptionsInput): WizardCostEstimate => {
  const result = estimateWizardCost(resolveOptions(input));
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.estimate;
};
const databaseLine = (e: { lines: { service: string; what: string; byMonth: number[] }[] }) => e.lines.find((l) => l.service === 'Database' && l.what.startsWith('Aurora Serverless v2'));

describe('scaffold: the holiday database tier (Aurora Serverless v2, its floor scheduled down between terms)', () => {
  it('writer and reader are db.serverless with the term floor on the cluster; no instance class parameter is left unused', () => {
    const t = build(SERVERLESS);
    assert.deepEqual(t.Resources.DatabaseCluster.Properties.ServerlessV2ScalingConfiguration, { MinCapacity: 2, MaxCapacity: 16 });
    assert.equal(t.Resources.DatabaseWriter.Properties.DBInstanceClass, 'db.serverless');
    assert.equal(t.Resources.DatabaseReader.Properties.DBInstanceClass, 'db.serverless');
    assert.equal(t.Parameters.DatabaseInstanceClass, undefined);
    // Off (the default), the template is the provisioned one.
    const provisioned = build({});
    assert.equal(provisioned.Resources.DatabaseCluster.Properties.ServerlessV2ScalingConfiguration, undefined);
    assert.equal(Object.values(provisioned.Resources).filter((r: Json) => r.Type === 'AWS::Scheduler::Schedule').length, 0);
  });

  it('each term gets a schedule to the term floor on its first day and one to the holiday floor the day after it ends, calling only rds:ModifyDBCluster on this cluster', () => {
    const t = build(SERVERLESS);
    const options = resolveOptions(SERVERLESS);
    const schedules = Object.entries(t.Resources).filter(([, r]: [string, Json]) => r.Type === 'AWS::Scheduler::Schedule');
    assert.equal(schedules.length, 2 * options.scaling.calendar.terms.length);
    const autumn1Start = t.Resources.DatabaseTermFloorAutumn1.Properties;
    const autumn1End = t.Resources.DatabaseHolidayFloorAutumn1.Properties;
    // Autumn1 runs 2 September to 23 October: the October half-term starts on the 24th.
    assert.equal(autumn1Start.ScheduleExpression, 'cron(0 5 2 9 ? *)');
    assert.equal(autumn1End.ScheduleExpression, 'cron(0 1 24 10 ? *)');
    assert.equal(autumn1End.ScheduleExpressionTimezone, 'Europe/London');
    assert.equal(autumn1End.Target.Arn, MODIFY_CLUSTER_TARGET);
    assert.deepEqual(JSON.parse(autumn1End.Target.Input['Fn::Sub']), { DbClusterIdentifier: '${DatabaseCluster}', ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 16 } });
    assert.equal(JSON.parse(autumn1Start.Target.Input['Fn::Sub']).ServerlessV2ScalingConfiguration.MinCapacity, 2);
    // Summer2 ends 21 July: the floor drops on 22 July.
    assert.equal(t.Resources.DatabaseHolidayFloorSummer2.Properties.ScheduleExpression, 'cron(0 1 22 7 ? *)');
    const role = t.Resources.DatabaseCapacityScheduleRole.Properties;
    assert.equal(role.AssumeRolePolicyDocument.Statement[0].Principal.Service, 'scheduler.amazonaws.com');
    assert.deepEqual(role.Policies[0].PolicyDocument.Statement, [{ Effect: 'Allow', Action: 'rds:ModifyDBCluster', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:${DatabaseCluster}' } }]);
    // Without a calendar there is no holiday: no schedule, the floor stays the term floor.
    const noTerms = build({ ...SERVERLESS, scaling: { calendar: { preset: 'custom', terms: [], exams: [] } } });
    assert.equal(Object.values(noTerms.Resources).filter((r: Json) => r.Type === 'AWS::Scheduler::Schedule').length, 0);
  });

  it('the cost model prices the floor day by day: August at the holiday floor, October with its half-term, and the summary shows the saving', function () {
    this.timeout(120_000); // three estimates of an 80 KB template, on a loaded machine
    const e = estimated(SERVERLESS);
    const model = TemplateModel.parse('t.json', renderTemplateJson(resolveOptions(SERVERLESS)));
    const full = estimateCost(model, { region: 'eu-west-1', year: e.year });
    const line = databaseLine(full);
    assert.ok(line, full.lines.map((l) => l.what).join('\n'));
    const acu = pricesFor('eu-west-1')!.auroraServerlessAcuHour;
    // 2 instances; August: 31 days at 0.5 ACU. October: 1–23 at 2 ACU, 24–31 (half-term) at 0.5.
    assert.ok(Math.abs(line.byMonth[7] - 2 * 0.5 * 24 * 31 * acu) < 1e-6, `August ${line.byMonth[7]}`);
    assert.ok(Math.abs(line.byMonth[9] - 2 * (23 * 2 + 8 * 0.5) * 24 * acu) < 1e-6, `October ${line.byMonth[9]}`);
    // May: Summer1 ends on the 28th, the half-term floor runs 29–31.
    assert.ok(Math.abs(line.byMonth[4] - 2 * (28 * 2 + 3 * 0.5) * 24 * acu) < 1e-6, `May ${line.byMonth[4]}`);
    assert.ok(e.databaseHolidaySaving! > 0, JSON.stringify(e));
    const rows = describeWizardCost({ ok: true, estimate: e });
    assert.ok(rows.some((r) => /^Database holiday floor: about \$\d+ a month less$/.test(r)), rows.join('\n'));
    assert.ok(full.assumptions.some((a) => /Aurora Serverless v2 counted at its minimum capacity/.test(a)));
    // Without the schedules the floor would stay at 2 ACU all year: the saving comes from them.
    const noTerms = estimateCost(TemplateModel.parse('t.json', renderTemplateJson(resolveOptions({ ...SERVERLESS, scaling: { calendar: { preset: 'custom', terms: [], exams: [] } } }))), { region: 'eu-west-1', year: e.year });
    assert.ok(Math.abs(databaseLine(noTerms)!.byMonth[7] - 2 * 2 * 24 * 31 * acu) < 1e-6);
  });

  it('MHA9002 gives the provisioned-against-serverless figure for the provisioned default, and is silent on the serverless tier', () => {
    const rule = (input: ScaffoldOptionsInput) => {
      const model = TemplateModel.parse('t.json', renderTemplateJson(resolveOptions(input)));
      return runHaRules(model, deriveTopology(model), [databaseIdleInHolidays], 'eu-west-1').map((f) => f.message);
    };
    const provisioned = rule({});
    assert.equal(provisioned.length, 1);
    assert.match(provisioned[0], /2 provisioned Aurora instance\(s\) \(db\.r6g\.large\) bill \$[\d,]+ a month all year.*Aurora Serverless v2 .* about \$\d+ a month while the site is quiet/);
    assert.deepEqual(rule(SERVERLESS), []);
  });

  it('answers are checked: Aurora only, 0.5–256 ACUs in halves, holiday ≤ term ≤ maximum; scaffold --config takes the same fields', () => {
    const problems = (input: ScaffoldOptionsInput) => validateOptions(resolveOptions(input)).map((p) => `${p.field}: ${p.message}`);
    assert.deepEqual(problems(SERVERLESS), []);
    assert.match(problems({ ...SERVERLESS, database: { ...SERVERLESS.database, engine: 'mysql' } }).join('\n'), /database\.serverless\.enabled: Aurora Serverless v2 needs an Aurora engine/);
    assert.match(problems({ database: { serverless: { enabled: true, termMinAcu: 1, holidayMinAcu: 2, maxAcu: 16 } } }).join('\n'), /holidayMinAcu: The holiday minimum \(2 ACU\) is above the term minimum/);
    assert.match(problems({ database: { serverless: { enabled: true, termMinAcu: 8, holidayMinAcu: 0.5, maxAcu: 4 } } }).join('\n'), /maxAcu: The maximum \(4 ACU\) is below/);
    assert.match(problems({ database: { serverless: { enabled: true, termMinAcu: 2, holidayMinAcu: 0.3, maxAcu: 16 } } }).join('\n'), /holidayMinAcu: 0\.3 is not an Aurora Serverless v2 capacity/);
    assert.deepEqual(checkConfigShape({ database: { serverless: { enabled: true, holidayMinAcu: 1 } } }), []);
    assert.match(JSON.stringify(checkConfigShape({ database: { serverless: { enabled: 'yes', pause: true } } })), /database\.serverless\.enabled.*true or false.*database\.serverless\.pause.*unknown field/);
    assert.match(renderReadme(resolveOptions(SERVERLESS)), /Serverless v2 from 2 to 16 ACUs; between terms its minimum is scheduled down to 0\.5 ACU/);
  });
});
