// npm run bench:lint — our linter against cfn-lint (the reference), measured in the same run.
// Prints figures and ratios; it asserts nothing (performance is never a timed test).
//   0. the public corpus (test/corpus/lint-corpus.json, re-created from /work/.mirror snapshots):
//      recall of cfn-lint's errors (±1 line), our errors cfn-lint does not report (by kind), time
//      and peak memory of one process over all files, and one file per process; with and
//      without cfn-lint as a source. BENCH_CORPUS_LIMIT=N takes every k-th file to make N.
//   1. one CLI process over the repo's fixtures vs one cfn-lint process over the same files
//   2. warm in-process relint of a ≥500-resource template in the editor, p50/p95 over 20 runs
//   3. the two builds of AWS's validator (npm release vs the one inside aws-cdk-lib)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bigTemplate } from './generate-big-template.mjs';
import { materializeCorpus } from './corpus/materialize.mjs';
import { compareWithCfnLint, DATE_DEPENDENT_RULES } from './corpus/compare.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!fs.existsSync(path.join(root, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (!fs.existsSync(path.join(root, 'out/src/engine/lint/lint-template.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bench-lint-'));
const big = bigTemplate(520);
const bigFile = path.join(work, 'big-520-resources.yaml');
fs.writeFileSync(bigFile, big.text);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)];
function time(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - started) / 1e6;
}
/** Wall time, peak RSS (GNU time) and stdout of one process. */
function measure(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peakKb = Number(result.stderr.trim().split('\n').pop());
  return { ms, peakMb: peakKb / 1024, stdout: result.stdout };
}
const mb = (x) => `${x.toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

// 0. The public corpus.
const corpus = materializeCorpus();
if (corpus.missing.length) console.log(`Corpus: ${corpus.missing.length} templates missing (fetch their repositories' snapshots), measuring the ${corpus.files.length} present`);
let corpusFiles = corpus.files.map((f) => f.file);
const limit = Number(process.env.BENCH_CORPUS_LIMIT ?? 0);
if (limit && limit < corpusFiles.length) { const step = corpusFiles.length / limit; corpusFiles = Array.from({ length: limit }, (_, i) => corpusFiles[Math.floor(i * step)]); }
if (corpusFiles.length) {
  const repos = new Set(corpus.files.filter((f) => corpusFiles.includes(f.file)).map((f) => f.repo));
  console.log(`0. Public corpus: ${corpusFiles.length} templates from ${repos.size} repositories (${[...repos].join(', ')})`);
  const cli = [path.join(root, 'dist/cli.js'), 'lint', '--format', 'json'];
  const ref = measure('cfn-lint', ['--format', 'json', '--', ...corpusFiles]);
  const reference = JSON.parse(ref.stdout || '[]').map((m) => ({ ...m, Filename: path.resolve(root, m.Filename) }));
  const { TemplateModel: Model } = require(path.join(root, 'out/src/engine/template/template-model.js'));
  const notTemplates = new Set(corpusFiles.filter((f) => !Model.parse(f, fs.readFileSync(f, 'utf8')).isCloudFormation));
  const variants = [['without cfn-lint', []], ['with cfn-lint', ['--cfn-lint']]];
  for (const [label, flags] of variants) {
    const ours = measure(process.execPath, [...cli, ...flags, ...corpusFiles]);
    const records = JSON.parse(ours.stdout || '[]').map((r) => ({ ...r, file: path.resolve(root, r.file) }));
    const c = compareWithCfnLint(reference, records, corpusFiles, notTemplates);
    console.log(`   ${label}:`);
    if (c.notTemplates) console.log(`     ${c.notTemplates} files are not CloudFormation templates to us (skipped by design); cfn-lint reports ${c.notTemplateErrors} errors on them, left out below`);
    console.log(`     recall of cfn-lint's errors (±1 line; ${[...DATE_DEPENDENT_RULES].join(', ')} left out: they depend on the date): ${c.recall.toFixed(3)} (${c.referenceErrors - c.missed.length} of ${c.referenceErrors})`);
    console.log(`     our errors without a cfn-lint counterpart: ${c.unconfirmed.length} of ${c.ourErrors} (${(100 * c.unconfirmed.length / Math.max(1, c.ourErrors)).toFixed(1)} %)${c.unconfirmed.length ? ':' : ''}`);
    for (const [rule, n] of Object.entries(c.unconfirmedByRule)) {
      const example = c.unconfirmed.find((u) => u.rule === rule);
      console.log(`       ${rule} ×${n}  e.g. ${path.relative(corpus.out, example.file)}:${example.line} ${example.message.slice(0, 90)}`);
    }
    if (c.missed.length) console.log(`     cfn-lint errors we miss, by rule: ${Object.entries(c.missedByRule).map(([r, n]) => `${r}×${n}`).join(' ')}`);
    console.log(`     one process over all: ${s(ours.ms)}, peak ${mb(ours.peakMb)}; cfn-lint ${s(ref.ms)}, peak ${mb(ref.peakMb)} → ${(ref.ms / ours.ms).toFixed(2)}× faster (target ≥ 5× without cfn-lint; peak ≤ 400 MB)`);
  }
  const sample = corpusFiles.filter((_, i) => i % Math.max(1, Math.floor(corpusFiles.length / 8)) === 0).slice(0, 8);
  const perFile = { ours: [], oursCfn: [], ref: [], peak: [] };
  for (const file of sample) {
    const o = measure(process.execPath, [...cli, file]);
    perFile.ours.push(o.ms); perFile.peak.push(o.peakMb);
    perFile.oursCfn.push(measure(process.execPath, [...cli, '--cfn-lint', file]).ms);
    perFile.ref.push(measure('cfn-lint', ['--format', 'json', '--', file]).ms);
  }
  console.log(`   one file per process (${sample.length} files, medians): moodle-ha ${s(median(perFile.ours))} (peak ${mb(Math.max(...perFile.peak))}), moodle-ha --cfn-lint ${s(median(perFile.oursCfn))}, cfn-lint ${s(median(perFile.ref))} → ${(median(perFile.ref) / median(perFile.ours)).toFixed(2)}× (target ≥ 1×)\n`);
}

if (process.env.BENCH_ONLY_CORPUS) { fs.rmSync(work, { recursive: true, force: true }); process.exit(0); }

const { expandFileArguments } = require(path.join(root, 'out/src/engine/common/find-files.js'));
const { TemplateModel } = require(path.join(root, 'out/src/engine/template/template-model.js')); // (also loaded above as Model)
const candidates = expandFileArguments(['test/fixtures', 'infra-templates'].filter((d) => fs.existsSync(path.join(root, d))), root).files
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .filter((f) => TemplateModel.parse(f, fs.readFileSync(f, 'utf8')).isCloudFormation);
const files = [...candidates, bigFile];

console.log(`Templates: ${files.length} (${candidates.length} fixtures and scaffolded templates + one generated with ${big.resources} resources, ${(big.text.length / 1024).toFixed(0)} KB)`);
console.log(`Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}; ${runs} alternating runs each, medians\n`);

const ours = [];
const reference = [];
for (let i = 0; i < runs; i++) {
  ours.push(time(process.execPath, [path.join(root, 'dist/cli.js'), 'lint', '--format', 'json', ...files]));
  reference.push(time('cfn-lint', ['--format', 'json', '--', ...files]));
}
const oursMs = median(ours);
const refMs = median(reference);
console.log('1. One process over all templates');
console.log(`   moodle-ha lint   ${oursMs.toFixed(0).padStart(6)} ms   (runs: ${ours.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`   cfn-lint         ${refMs.toFixed(0).padStart(6)} ms   (runs: ${reference.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`   ratio            ${(refMs / oursMs).toFixed(2)}× faster than cfn-lint (target ≥ 3×)\n`);

const { lintTemplate } = require(path.join(root, 'out/src/engine/lint/lint-template.js'));
const { ValidatorPool } = require(path.join(root, 'out/src/engine/lint/validator/validator-pool.js'));
const pool = new ValidatorPool({ size: 1 });
await pool.warmUp();
const full = [];
for (let i = 0; i < 22; i++) {
  const text = big.text.replace('VisibilityTimeout: 60', `VisibilityTimeout: ${60 + i}`);
  const started = process.hrtime.bigint();
  await lintTemplate(bigFile, text, { validator: pool, region: 'us-east-1' });
  if (i >= 2) full.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(`2. Warm relint of the ${big.resources}-resource template after an edit (in process, validator warm)`);
console.log(`   full relint           p50 ${percentile(full, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(full, 0.95).toFixed(1).padStart(6)} ms`);
let incrementalModule;
try { incrementalModule = require(path.join(root, 'out/src/engine/lint/incremental/incremental-linter.js')); } catch { /* not built */ }
if (incrementalModule) {
  const linter = new incrementalModule.IncrementalLinter(bigFile, { validator: pool, region: 'us-east-1' });
  await linter.lintFull(big.text);
  const fast = [];
  for (let i = 0; i < 22; i++) {
    // A keystroke: one value changes, or a line is added (which moves every resource below it).
    const text = i % 2 ? big.text.replace('VisibilityTimeout: 60', `VisibilityTimeout: ${61 + i}`)
      : big.text.replace('      VisibilityTimeout: 60', `      # note ${i}\n      VisibilityTimeout: 60`);
    const started = process.hrtime.bigint();
    await linter.lintFast(text);
    if (i >= 2) fast.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(`   as-you-type relint    p50 ${percentile(fast, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(fast, 0.95).toFixed(1).padStart(6)} ms   (target p95 ≤ 50 ms; the full relint follows when typing pauses)`);
}
console.log('   cfn-lint’s VS Code extension spawns a process per save: see the cfn-lint time for one file below');
const oneFile = median([0, 1, 2].map(() => time('cfn-lint', ['--format', 'json', '--', bigFile])));
console.log(`   cfn-lint, one process on this template: ${oneFile.toFixed(0)} ms\n`);
await pool.dispose();

console.log('3. The two builds of AWS\'s validator (engine build once, then warm validation of the big template)');
for (const [label, modulePath, className] of [
  ['npm @aws/cloudformation-validate', path.join(root, 'node_modules/@aws/cloudformation-validate'), 'RegoEngine'],
  ['aws-cdk-lib’s bundled build', path.join(root, 'node_modules/aws-cdk-lib/node_modules/@aws/cloudformation-validate'), 'CompositeEngine'],
]) {
  if (!fs.existsSync(modulePath)) { console.log(`   ${label}: not installed`); continue; }
  const child = spawnSync(process.execPath, ['-e', `
    const v = require(${JSON.stringify(modulePath)});
    let t = Date.now(); const e = new v.${className}(); const build = Date.now() - t;
    const file = new v.TemplateFile(${JSON.stringify(bigFile)});
    const call = (f) => e.validateTemplate ? e.validateTemplate(f, { detailLevel: 'STANDARD' }) : e.validateStandard(f, {});
    const times = []; let n = 0;
    for (let i = 0; i < 8; i++) { t = Date.now(); n = call(file).diagnostics.length; times.push(Date.now() - t); }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ version: v.version(), build, warm: times[4], diagnostics: n }));
  `], { encoding: 'utf8' });
  const r = JSON.parse(child.stdout.trim().split('\n').pop() || '{}');
  console.log(`   ${label.padEnd(34)} ${String(r.version).padEnd(8)} engine ${String(r.build).padStart(5)} ms   warm validate ${String(r.warm).padStart(5)} ms   (${r.diagnostics} diagnostics)`);
}
fs.rmSync(work, { recursive: true, force: true });
