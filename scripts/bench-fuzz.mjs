// npm run bench:fuzz — the lint fuzz suite's seeded hostile inputs (test/support/hostile-inputs.ts),
// measured: the slowest inputs for the parser alone and for the whole lint (decode, parse, HA
// rules, AWS's validator), each as a ratio to the same step on the clean cfn fixtures in this run,
// with the heap each input grew by (node --expose-gc: collected before each input, read right
// after it, so it is a lower bound of the input's peak) and the process's peak RSS.
// Prints figures; asserts nothing (performance is never a timed test). MHA_FUZZ_SEED picks the seed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
if (!fs.existsSync(path.join(root, 'out/test/support/hostile-inputs.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
if (typeof globalThis.gc !== 'function') {
  execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit', env: process.env });
  process.exit(0);
}
const out = (p) => require(path.join(root, 'out', p));
const { hostileInputs } = out('test/support/hostile-inputs.js');
const { seededRandom } = out('test/support/seeded-random.js');
const { decodeTemplateBytes } = out('src/engine/template/decode.js');
const { TemplateModel } = out('src/engine/template/template-model.js');
const { lintTemplate } = out('src/engine/lint/lint-template.js');
const { ValidatorPool } = out('src/engine/lint/validator/validator-pool.js');

const SEED = Number(process.env.MHA_FUZZ_SEED ?? 20261126);
const TOP = Number(process.env.BENCH_TOP ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

async function measure(step) {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  await step();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, heap: Math.max(0, process.memoryUsage().heapUsed - before) };
}

const pool = new ValidatorPool({ size: 1 });
await pool.warmUp();
try {
  // Reference: the same two steps on the clean fixtures the truncations and mutations start from.
  const cfnDir = path.join(root, 'test/fixtures/cfn');
  const clean = fs.readdirSync(cfnDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => ({ name: e.name, text: fs.readFileSync(path.join(cfnDir, e.name), 'utf8') }));
  const refParse = [], refLint = [];
  for (let run = 0; run < 3; run++) {
    for (const f of clean) {
      refParse.push((await measure(() => TemplateModel.parse(f.name, f.text))).ms);
      refLint.push((await measure(() => lintTemplate(f.name, f.text, { validator: pool }))).ms);
    }
  }
  const reference = { parse: median(refParse), lint: median(refLint) };

  const rows = [];
  for (const input of hostileInputs(seededRandom(SEED))) {
    let text;
    const decode = await measure(() => { const d = decodeTemplateBytes(input.bytes); text = d.ok ? d.text : undefined; });
    if (text === undefined) { rows.push({ name: input.name, bytes: input.bytes.length, refused: true, parse: decode, lint: decode }); continue; }
    const parse = await measure(() => TemplateModel.parse(input.name, text));
    const lint = await measure(() => lintTemplate(input.name, text, { validator: pool }));
    rows.push({ name: input.name, bytes: input.bytes.length, parse, lint: { ms: decode.ms + lint.ms, heap: Math.max(decode.heap, lint.heap) } });
  }

  console.log(`bench:fuzz — ${rows.length} inputs (seed ${SEED}), ${rows.filter((r) => r.refused).length} refused by the decoder`);
  console.log(`reference (median over ${clean.length} clean cfn fixtures × 3): parse ${reference.parse.toFixed(2)} ms, whole lint ${reference.lint.toFixed(2)} ms`);
  for (const [step, label] of [['parse', 'parser alone'], ['lint', 'whole lint (decode + parse + rules + validator)']]) {
    const ranked = rows.filter((r) => !r.refused).sort((a, b) => b[step].ms - a[step].ms).slice(0, TOP);
    console.log(`\nslowest ${TOP}, ${label}:`);
    for (const r of ranked) {
      console.log(`  ${r[step].ms.toFixed(1).padStart(8)} ms  ${(r[step].ms / reference[step]).toFixed(1).padStart(7)}× ref  heap +${mb(r[step].heap).padStart(6)} MB  ${String(r.bytes).padStart(8)} B  ${r.name}`);
    }
    const heaviest = rows.filter((r) => !r.refused).sort((a, b) => b[step].heap - a[step].heap)[0];
    console.log(`  most heap: +${mb(heaviest[step].heap)} MB (${heaviest.name})`);
  }
  console.log(`\npeak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
} finally {
  pool.dispose();
}
