import * as assert from 'node:assert/strict';
import { estimateCost } from '../../../../src/engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../../../src/engine/cost/price-snapshot';
import { estimateWizardCost, type WizardCostEstimate } from '../../../../src/engine/cost/wizard-estimate';
import { presetCalendar } from '../../../../src/engine/scaffold/calendar';
import { planScaffold, TEMPLATE_FILE } from '../../../../src/engine/scaffold/plan';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { TemplateModel } from '../../../../src/engine/template/template-model';

function estimated(input: Parameters<typeof resolveOptions>[0]): WizardCostEstimate {
  const result = estimateWizardCost(resolveOptions(input));
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.estimate;
}

describe('cost: the wizard\'s estimate from its answers', () => {
  it('prices the template the scaffolder writes (its YAML file, estimated on its own) month by month', () => {
    const options = resolveOptions({});
    const yaml = planScaffold(options).files.find((f) => f.path === TEMPLATE_FILE)!.content;
    const fromFile = estimateCost(TemplateModel.parse(TEMPLATE_FILE, yaml), { region: options.region, year: 2027 });
    const e = estimated({});
    assert.equal(e.year, 2027, 'the year the calendar\'s last term ends in');
    assert.deepEqual(e.byMonth.map(Math.round), fromFile.byMonth.map(Math.round));
    assert.equal(e.prices.date, PRICE_SNAPSHOT.date);
  });

  it('England & Wales: August is the holiday month, and it costs less than a term month (floor 2 against 3–4)', () => {
    const e = estimated({});
    assert.deepEqual(e.holidayMonths, [7]);
    assert.equal(e.termMonths.length, 11);
    assert.ok(e.termMonthly! > e.holidayMonthly!, `${e.termMonthly} > ${e.holidayMonthly}`);
    assert.equal(e.holidayMonthly, e.byMonth[7]);
  });

  it('follows the calendar: a US district\'s holiday months are June to August (school ends 11 June, starts 26 August), NSW\'s January, April and July (11 of 22 weekdays in term is not most)', () => {
    assert.deepEqual(estimated({ scaling: { calendar: presetCalendar('us-district'), timeZone: 'America/New_York' } }).holidayMonths, [5, 6, 7]);
    assert.deepEqual(estimated({ scaling: { calendar: presetCalendar('australia-nsw'), timeZone: 'Australia/Sydney' } }).holidayMonths, [0, 3, 6]);
  });

  it('one NAT gateway instead of one per AZ saves a NAT gateway-hour per hour of the month', () => {
    const perAz = estimated({});
    const one = estimated({ network: { natGatewayPerAz: false } });
    const hourly = PRICE_SNAPSHOT.regions['eu-west-1'].natGatewayHour;
    assert.ok(Math.abs((perAz.byMonth[7] - one.byMonth[7]) - hourly * 31 * 24) < 0.01, `${perAz.byMonth[7] - one.byMonth[7]} ≈ ${hourly * 744}`);
  });

  it('answers that cannot be scaffolded come back as the wizard\'s problems, not a throw', () => {
    const bad = estimateWizardCost(resolveOptions({ web: { minSize: 5, maxSize: 3 } }));
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.problems.some((p) => p.field.startsWith('web.')), JSON.stringify(bad));
  });

  it('a region the snapshot has no prices for is named, with the regions it covers', () => {
    const r = estimateWizardCost(resolveOptions({ region: 'sa-east-1' }));
    assert.ok(!r.ok);
    assert.equal(r.problems[0].field, 'region');
    assert.match(r.problems[0].message, /No prices for sa-east-1 yet: the estimate covers .*eu-west-1/);
  });
});
