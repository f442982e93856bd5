// Scaffold benchmark: from the wizard's answers to every file on disk (target ≤ 2 s).
// Needs `npx tsc -p .` first. Prints the cold first run and the median of warm runs per case.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = (p) => path.join(root, 'out/src/engine/scaffold', p);
if (!fs.existsSync(out('plan.js'))) {
  console.error("bench-scaffold: compile first with 'npx tsc -p .'");
  process.exit(2);
}
const started = performance.now();
const require = createRequire(import.meta.url);
const { resolveOptions } = require(out('options.js'));
const { planScaffold } = require(out('plan.js'));
const { writePlan } = require(out('write-plan.js'));
const { allVariants } = require(out('variants.js'));
const loadMs = performance.now() - started;

const TARGET_MS = 2000;
const RUNS = 7;
const cases = [
  ['default (CloudFormation)', resolveOptions({})],
  ['default (CDK app)', resolveOptions({ format: 'cdk' })],
  ['largest variant (3 AZs, Aurora, memcached, GitHub, CDK)', allVariants().find((v) => v.name === 'cdk-aurora-mysql-memcached-efs-github-3az').options],
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-bench-scaffold-'));
let worst = 0;
try {
  console.log(`engine load: ${loadMs.toFixed(0)} ms`);
  for (const [name, options] of cases) {
    const times = [];
    let files = 0;
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(tmp, `${times.length}-${name.replace(/\W+/g, '-')}`);
      const t0 = performance.now();
      const plan = planScaffold(options);
      const result = await writePlan(plan, dir);
      times.push(performance.now() - t0);
      files = result.written.length;
    }
    const cold = times[0] + (worst === 0 ? loadMs : 0);
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    worst = Math.max(worst, cold, median);
    console.log(`${name}: ${files} files, cold ${cold.toFixed(0)} ms (incl. load on the first case), warm median ${median.toFixed(0)} ms`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`worst: ${worst.toFixed(0)} ms (target ≤ ${TARGET_MS} ms) ${worst <= TARGET_MS ? 'OK' : 'TOO SLOW'}`);
process.exit(worst <= TARGET_MS ? 0 : 1);
