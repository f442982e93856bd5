// npm run bench:pictures: what a redraw of the pictures adds to an edit, on the generated
// 500-resource template, against the as-you-type lint measured in the same run (the budget is
// p95 ≤ 50 ms added); and the cost estimate's replay of a school year on the default scaffold.
// Needs `npx tsc -p .` (out/).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bigTemplate } from './generate-big-template.mjs';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (p) => require(path.join(root, 'out/src/engine', p));
const { TemplateModel } = out('template/template-model.js');
const { deriveTopology } = out('topology/derive.js');
const { drawTopologySvg } = out('topology/draw/draw-topology-svg.js');
const { estimateCost } = out('cost/estimate-cost.js');
const { drawCostSvg } = out('cost/draw-cost-svg.js');
const { IncrementalLinter } = out('lint/incremental/incremental-linter.js');

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
const ms = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const edits = (text, n) => Array.from({ length: n }, (_, i) => (i % 2 ? text.replace('VisibilityTimeout: 60', `VisibilityTimeout: ${61 + i}`) : text.replace('      VisibilityTimeout: 60', `      # note ${i}\n      VisibilityTimeout: 60`)));

const big = bigTemplate(520);
const texts = edits(big.text, 42);
const linter = new IncrementalLinter('bench.yaml', {});
await linter.lintFull(big.text);
const lint = [], redraw = [], drawOnly = [];
for (const [i, text] of texts.entries()) {
  let started = process.hrtime.bigint();
  const result = await linter.lintFast(text);
  const lintMs = ms(started);
  started = process.hrtime.bigint();
  const topology = result.topology ?? deriveTopology(TemplateModel.parse('bench.yaml', text));
  drawTopologySvg(topology, { title: 'bench', findings: result.findings });
  const drawMs = ms(started);
  started = process.hrtime.bigint();
  drawTopologySvg(deriveTopology(TemplateModel.parse('bench.yaml', text)), { title: 'bench', findings: result.findings });
  const standaloneMs = ms(started);
  if (i >= 2) { lint.push(lintMs); drawOnly.push(drawMs); redraw.push(standaloneMs); }
}
console.log(`Topology picture on a ${big.resources}-resource template (${(big.text.length / 1024).toFixed(0)} KB), ${lint.length} edits`);
console.log(`  as-you-type lint (reference)        p50 ${percentile(lint, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(lint, 0.95).toFixed(1).padStart(7)} ms`);
console.log(`  + draw from the lint's topology     p50 ${percentile(drawOnly, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(drawOnly, 0.95).toFixed(1).padStart(7)} ms   (budget: p95 ≤ 50 ms added)`);
console.log(`  parse + derive + draw on its own    p50 ${percentile(redraw, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(redraw, 0.95).toFixed(1).padStart(7)} ms`);
console.log(`  ratio, added / lint (p50)           ${(percentile(drawOnly, 0.5) / percentile(lint, 0.5)).toFixed(2)}`);

const scaffold = path.join(root, 'infra-templates/default/infra/moodle-ha.yaml');
if (fs.existsSync(scaffold)) {
  const model = TemplateModel.parse(scaffold, fs.readFileSync(scaffold, 'utf8'));
  const times = [];
  let estimate;
  for (let i = 0; i < 7; i++) {
    const started = process.hrtime.bigint();
    estimate = estimateCost(model, { region: 'eu-west-1', year: 2027 });
    drawCostSvg(estimate);
    if (i >= 2) times.push(ms(started));
  }
  console.log(`\nCapacity and cost of the default scaffold (a year replayed, priced and drawn)`);
  console.log(`  p50 ${percentile(times, 0.5).toFixed(1)} ms   p95 ${percentile(times, 0.95).toFixed(1)} ms   → $${Math.round(estimate.yearTotal)} a year, prices of ${estimate.prices.date}`);
}

// The wizard's estimate as options change: render the template from the answers, parse, replay, price.
const { estimateWizardCost } = out('cost/wizard-estimate.js');
const { resolveOptions } = out('scaffold/options.js');
const answers = [{}, { web: { instanceType: 't3.xlarge' } }, { network: { natGatewayPerAz: false } }, { database: { engine: 'postgres' } }, { azCount: 3 }, { web: { minSize: 3, desiredCapacity: 3 } }, { cache: { nodeCount: 3 } }];
const wizard = [], priceOnly = [];
for (let round = 0; round < 2; round++) {
  for (const input of answers) {
    const result = estimateWizardCost(resolveOptions(input));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    if (round > 0 || input !== answers[0]) wizard.push(result.estimate.elapsedMs);
  }
}
if (fs.existsSync(scaffold)) {
  const model = TemplateModel.parse(scaffold, fs.readFileSync(scaffold, 'utf8'));
  for (let i = 0; i < 5; i++) { const started = process.hrtime.bigint(); estimateCost(model, { region: 'eu-west-1', year: 2027 }); priceOnly.push(ms(started)); }
}
console.log(`\nWizard estimate from the answers (${wizard.length} changes of option: render + parse + replay + price)`);
console.log(`  p50 ${percentile(wizard, 0.5).toFixed(1)} ms   p95 ${percentile(wizard, 0.95).toFixed(1)} ms${priceOnly.length ? `   ratio to pricing the parsed scaffold (reference, p50 ${percentile(priceOnly, 0.5).toFixed(1)} ms): ${(percentile(wizard, 0.5) / percentile(priceOnly, 0.5)).toFixed(2)}` : ''}`);
