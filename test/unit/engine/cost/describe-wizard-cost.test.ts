import * as assert from 'node:assert/strict';
import { describeWizardCost, monthSpans } from '../../../../src/engine/cost/describe-wizard-cost';
import { PRICE_SNAPSHOT } from '../../../../src/engine/cost/price-snapshot';
import { estimateWizardCost } from '../../../../src/engine/cost/wizard-estimate';
import { resolveOptions } from '../../../../src/engine/scaffold/options';

describe('cost: the wizard summary\'s cost lines', () => {
  it('joins consecutive months, also over the new year', () => {
    assert.equal(monthSpans([8, 9, 10, 11, 0, 1, 2, 3, 4, 5]), 'Sep–Jun');
    assert.equal(monthSpans([6, 7]), 'Jul–Aug');
    assert.equal(monthSpans([1, 3]), 'Feb, Apr');
    assert.equal(monthSpans([...Array(12).keys()]), 'all year');
  });

  it('the default answers: a term month and a holiday month with their figures, the price source and its date', () => {
    const result = estimateWizardCost(resolveOptions({}));
    assert.ok(result.ok);
    const [term, holiday, year, prices] = describeWizardCost(result);
    const figure = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
    assert.equal(term, `Term month: about ${figure(result.estimate.termMonthly!)} (Sep–Jul)`);
    assert.equal(holiday, `Holiday month: about ${figure(result.estimate.holidayMonthly!)} (Aug)`);
    assert.equal(year, `Year ${result.estimate.year}: about ${figure(result.estimate.yearTotal)} in eu-west-1`);
    assert.ok(prices.includes(PRICE_SNAPSHOT.date) && prices.includes(PRICE_SNAPSHOT.source.split(' (')[0]), prices);
  });

  it('answers that cannot be priced say why, with no figure', () => {
    const [line] = describeWizardCost(estimateWizardCost(resolveOptions({ region: 'sa-east-1' })));
    assert.match(line, /^Not estimated \(No prices for sa-east-1/);
    assert.doesNotMatch(line, /\$\d/);
  });
});
