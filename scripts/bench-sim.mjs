#!/usr/bin/env node
// Benchmark of the local replica (not a timed test): cold start (with --cold: base image + images +
// up), warm start to the first 200 through the LB, LB detect time for a killed web node, restart-to-
// serving time, and the LB's throughput with 1 vs 3 web nodes on the probe app. Traffic goes to
// 127.0.0.1 only. Needs Docker (scripts/setup/docker.sh) and a build (npm run build).
// With --moodle DIR (a Moodle checkout): also real Moodle's cold start (its install seeds removed
// first) against its warm start (the seed of that install reused), as a ratio measured in this run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'bin', 'moodle-ha.js');
const project = 'mha-bench';
const cold = process.argv.includes('--cold');
const moodleDir = process.argv.includes('--moodle') ? process.argv[process.argv.indexOf('--moodle') + 1] : undefined;

function run(args, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'sim', ...args, '--project', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; if (!quiet) process.stderr.write(d); });
    child.on('close', (code) => (code === 0 || args[0] === 'drill' ? resolve({ out, err, code }) : reject(new Error(`sim ${args.join(' ')} exited ${code}:\n${err}`))));
  });
}

function sh(cmd, args) {
  return new Promise((resolve) => { const c = spawn(cmd, args, { stdio: 'ignore' }); c.on('close', resolve); });
}

async function timed(fn) { const t = Date.now(); const r = await fn(); return { seconds: (Date.now() - t) / 1000, result: r }; }

/** Closed-loop load: `clients` concurrent page views (session + DB write) for `seconds`. */
async function throughput(siteUrl, clients = 8, seconds = 10) {
  const until = Date.now() + seconds * 1000;
  let ok = 0, failed = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      try { const r = await fetch(new URL('whoami.php', siteUrl)); await r.arrayBuffer(); if (r.ok) ok++; else failed++; } catch { failed++; }
    }
  }));
  return { rps: Math.round(ok / seconds), failed };
}

const results = [];
const note = (label, value) => { results.push([label, value]); console.log(`${label}: ${value}`); };

await run(['down']);
if (cold) {
  const { stdout } = await new Promise((resolve) => { const c = spawn('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { stdio: ['ignore', 'pipe', 'ignore'] }); let o = ''; c.stdout.on('data', (d) => { o += d; }); c.on('close', () => resolve({ stdout: o })); });
  const ours = stdout.split('\n').filter((l) => l.startsWith('moodle-ha/') || l === 'debian:bookworm-slim');
  if (ours.length) await sh('docker', ['rmi', '-f', ...ours]);
  const base = await timed(() => sh('bash', [path.join(root, 'scripts/setup/docker.sh')]));
  note('cold: base image (debootstrap or pull)', `${base.seconds.toFixed(1)} s`);
  const up = await timed(() => run(['up', '--nodes', '3'], { quiet: false }));
  note('cold: images + up to first 200', `${up.seconds.toFixed(1)} s`);
  await run(['down']);
}
const warm = await timed(() => run(['up', '--nodes', '3']));
const siteUrl = warm.result.out.trim();
note('warm start (images cached) to first 200 through the LB', `${warm.seconds.toFixed(1)} s`);

const drill = await run(['drill', 'kill-web', '--format', 'json']);
const report = JSON.parse(drill.out);
note('kill-web: LB stopped sending to the killed node after', `${report.summary.detectSeconds ?? '—'} s`);
note('kill-web: restarted node serving again after', `${report.summary.recoverSeconds ?? '—'} s`);
note('kill-web: failed requests (after detection)', `${report.summary.failed} (${report.summary.failedAfterDetection})`);

await run(['scale', '1']);
const one = await throughput(siteUrl);
await run(['scale', '3']);
const three = await throughput(siteUrl);
note('throughput, 1 web node (8 clients, page view = session + DB write)', `${one.rps} req/s (${one.failed} failed)`);
note('throughput, 3 web nodes', `${three.rps} req/s (${three.failed} failed)`);

await run(['down']);

if (moodleDir) {
  // The seeds of earlier installs go, so the first up installs.
  await run(['down', '--seeds']);
  const coldMoodle = await timed(() => run(['up', '--moodle', moodleDir, '--nodes', '3']));
  note('moodle: cold up (install, seed kept) to first 200', `${coldMoodle.seconds.toFixed(1)} s`);
  await run(['down']);
  const warmMoodle = await timed(() => run(['up', '--moodle', moodleDir, '--nodes', '3']));
  note('moodle: warm up (seed reused) to first 200', `${warmMoodle.seconds.toFixed(1)} s`);
  note('moodle: warm / cold', `${(warmMoodle.seconds / coldMoodle.seconds).toFixed(2)}`);
  await run(['down']);
}
console.log('\nSummary');
for (const [label, value] of results) console.log(`  ${label.padEnd(66)} ${value}`);
