import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { drawCostSvg } from '../../../../src/engine/cost/draw-cost-svg';
import { estimateCost } from '../../../../src/engine/cost/estimate-cost';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { fixturePath } from '../../../support/fixtures';
import { assertWellFormedSvg } from '../../../support/svg-checks';

describe('cost: the capacity-and-cost picture', () => {
  const model = TemplateModel.parse('s.yaml', fs.readFileSync(fixturePath('cost/small-school.yaml'), 'utf8'));
  const estimate = estimateCost(model, { region: 'eu-west-1', year: 2027 });
  const svg = drawCostSvg(estimate);

  it('is a well-formed, script-free SVG with every label inside it', () => {
    assertWellFormedSvg(svg);
  });

  it('shows a day for every day of the year, with its count as text (not colour alone)', () => {
    const cells = [...svg.matchAll(/<title>(2027-\d\d-\d\d): (\d+) at noon/g)];
    assert.equal(cells.length, 365);
    assert.equal(cells.find((c) => c[1] === '2027-03-03')![2], '4', 'a Wednesday at noon runs the school-day floor');
    assert.match(svg, />4\/2</, 'noon / evening counts are written in the cell');
  });

  it('names the price source and its date, the assumptions and the totals', () => {
    assert.ok(svg.includes(estimate.prices.date));
    assert.match(svg, /Assumptions/);
    assert.ok(svg.includes(`$${Math.round(estimate.yearTotal).toLocaleString('en-US')}`));
  });

  it('escapes what comes from the template', () => {
    const hostile = TemplateModel.parse('h.yaml', fs.readFileSync(fixturePath('cost/small-school.yaml'), 'utf8').replace(/\bWeb\b(?=:|\s*$| )/gm, 'Web<x>').replace(/!Ref Web$/gm, '!Ref Web<x>'));
    const picture = drawCostSvg(estimateCost(hostile, { region: 'eu-west-1', year: 2027, parameters: { WebType: '<script>' } }));
    assertWellFormedSvg(picture);
    assert.ok(!picture.includes('<script>') && picture.includes('&lt;script&gt;'));
  });
});
