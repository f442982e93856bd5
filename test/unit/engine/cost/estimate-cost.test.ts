import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { estimateCost } from '../../../../src/engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../../../src/engine/cost/price-snapshot';
import { DEFAULT_USAGE } from '../../../../src/engine/cost/usage-assumptions';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { fixturePath } from '../../../support/fixtures';

const load = (rel: string) => TemplateModel.parse(rel, fs.readFileSync(fixturePath(rel), 'utf8'));

/** Weekdays in a calendar month, counted with plain Date arithmetic (the hand calculation). */
function weekdaysIn(year: number, month: number): number {
  let count = 0;
  for (let d = new Date(Date.UTC(year, month, 1)); d.getUTCMonth() === month; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) count++;
  }
  return count;
}

describe('cost: estimate from a template', () => {
  const p = PRICE_SNAPSHOT.regions['eu-west-1'];
  const model = load('cost/small-school.yaml');
  const estimate = estimateCost(model, { region: 'eu-west-1', year: 2027 });

  it('matches a hand calculation from the same price list, month by month, within 1 %', () => {
    for (let m = 0; m < 12; m++) {
      const hours = new Date(Date.UTC(2027, m + 1, 0)).getUTCDate() * 24;
      // Floor 2 all month, plus 2 more for 10 hours every weekday (08:00-18:00 UTC).
      const nodeHours = 2 * hours + 2 * 10 * weekdaysIn(2027, m);
      const expected = nodeHours * p.ec2['t3.large']
        + (nodeHours / 730) * 10 * p.ebsGp3GbMonth
        + hours * p.natGatewayHour + DEFAULT_USAGE.natGb * p.natGatewayPerGb // one NAT: the second exists only in a demo
        + hours * (p.albHour + DEFAULT_USAGE.albLcu * p.albLcuHour)
        + hours * 2 * p.rds['db.t4g.medium'] + 2 * 20 * p.rdsGp3GbMonth // Multi-AZ in production: primary + standby
        + hours * 2 * p.elasticache['cache.t4g.small']
        + DEFAULT_USAGE.moodledataGb * p.efsStandardGbMonth + DEFAULT_USAGE.efsReadGb * p.efsElasticReadPerGb + DEFAULT_USAGE.efsWriteGb * p.efsElasticWritePerGb
        + DEFAULT_USAGE.egressGb * p.dataTransferOutPerGb;
      const got = estimate.byMonth[m];
      assert.ok(Math.abs(got - expected) / expected < 0.01, `month ${m + 1}: estimate ${got.toFixed(2)} vs hand ${expected.toFixed(2)}`);
    }
  });

  it('follows parameters and conditions: a demo environment is not Multi-AZ', () => {
    const demo = estimateCost(model, { region: 'eu-west-1', year: 2027, parameters: { Environment: 'demo' } });
    const db = (e: typeof estimate) => e.lines.find((l) => l.logicalIds.includes('Database'))!;
    assert.ok(Math.abs(db(estimate).byMonth[0] / db(demo).byMonth[0] - 2) < 0.01, 'production costs twice the demo database');
    assert.match(db(demo).what, /^1 × db\.t4g\.medium \(RDS\)$/);
  });

  it('names what it cannot price instead of guessing', () => {
    const odd = estimateCost(model, { region: 'eu-west-1', year: 2027, parameters: { WebType: 'x9.huge' } });
    assert.deepEqual(odd.notPriced.map((n) => n.logicalId), ['Web']);
    assert.match(odd.notPriced[0].why, /x9\.huge is not in the price snapshot/);
  });

  it('states its sources and assumptions', () => {
    assert.equal(estimate.prices.date, PRICE_SNAPSHOT.date);
    assert.ok(estimate.assumptions.some((a) => /floor the schedule sets.*scaling policy/.test(a)));
    assert.ok(estimate.assumptions.some((a) => /100 GB/.test(a)));
  });

  it('refuses a region the snapshot does not have, naming the ones it has', () => {
    assert.throws(() => estimateCost(model, { region: 'mars-1', year: 2027 }), /No prices for region 'mars-1'.*eu-west-1/);
  });
});
