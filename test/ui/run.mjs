// Runs the UI tests (test/ui/*.ui.mjs) against a code-server started WITHOUT the smoke-test driver
// (that mode hides notification toasts). Each test gets a fresh workspace folder and a fresh page.
// A test whose command, view or setting is not in package.json FAILS (a renamed command must not
// silence its test), unless the test is in WORK_IN_PROGRESS below. A test that needs a service the
// machine lacks (an `env` requirement such as moto_server's endpoint) is pending.
//
// Usage: node test/ui/run.mjs --url URL --work DIR --shots DIR [--manifest FILE] [--suite NAME] [--trust MODE] [test-name ...]
//        node test/ui/run.mjs --list [--trust MODE] [test-name ...]   (prints the names a run would take)
//   --manifest: the package.json of the extension the server runs (default: the working tree's)
//   --trust: `trusted` (default) runs the tests against a server started with --disable-workspace-trust;
//            `untrusted` runs only the tests that declare `untrusted: true`, against a server with
//            Workspace Trust on (scripts/test-vscode.sh starts one for them). Each test runs in one mode.
//   e.g. node test/ui/run.mjs --url http://127.0.0.1:8080 --work /tmp/ui --shots /tmp/shots lint-problems
// Appends `<suite> <passed> <failed> <pending>` to $MHA_TEST_COUNTS; exits 0 only if none failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser } from './support/browser.mjs';
import { Workbench } from './support/workbench.mjs';
import { unmetRequirements } from './support/requirements.mjs';

// Tests written ahead of their feature: missing manifest entries make them pending, not failed.
const WORK_IN_PROGRESS = [];

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values: opt, positionals: only } = parseArgs({ allowPositionals: true, options: {
  url: { type: 'string' }, work: { type: 'string' }, shots: { type: 'string' }, suite: { type: 'string', default: 'vscode-ui' },
  manifest: { type: 'string' }, trust: { type: 'string', default: 'trusted' }, list: { type: 'boolean', default: false },
} });
if (!['trusted', 'untrusted'].includes(opt.trust)) { console.error('--trust is trusted or untrusted'); process.exit(2); }
if (!opt.list && (!opt.url || !opt.work || !opt.shots)) { console.error('usage: run.mjs --url URL --work DIR --shots DIR [test ...]'); process.exit(2); }

// Gate on what the server runs: the working tree's package.json may have moved on since packaging.
const manifest = JSON.parse(fs.readFileSync(opt.manifest ?? path.join(root, 'package.json'), 'utf8'));
const available = fs.readdirSync(here).filter((f) => f.endsWith('.ui.mjs')).map((f) => f.replace(/\.ui\.mjs$/, '')).sort();
const unknown = only.filter((n) => !available.includes(n));
if (unknown.length) { console.error(`unknown UI test(s): ${unknown.join(', ')}; have: ${available.join(', ')}`); process.exit(2); }
const wantUntrusted = opt.trust === 'untrusted';
const names = [];
for (const name of only.length ? only : available) {
  const { default: test } = await import(path.join(here, `${name}.ui.mjs`));
  if (!!test.untrusted === wantUntrusted) names.push(name);
}
if (opt.list) {
  if (names.length) console.log(names.join('\n'));
  process.exit(0);
}
fs.mkdirSync(opt.shots, { recursive: true });

const counts = { passed: 0, failed: 0, pending: 0 };
const context = await launchBrowser(path.join(opt.work, 'chromium-profile'));
try {
  for (const name of names) {
    const { default: test } = await import(path.join(here, `${name}.ui.mjs`));
    const unmet = unmetRequirements(manifest, test.requires ?? {});
    const missingService = unmet.length && unmet.every((u) => u.startsWith('environment variable'));
    if (unmet.length && (missingService || WORK_IN_PROGRESS.includes(name))) {
      counts.pending++;
      console.log(`  - ${name}: pending (no ${unmet.join(', ')} yet)`);
      continue;
    }
    if (unmet.length) {
      counts.failed++;
      console.log(`  ✗ ${name}: package.json has no ${unmet.join(', ')} (renamed or removed?)`);
      continue;
    }
    const started = Date.now();
    const workspace = makeWorkspace(name, test.workspace);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`    [pageerror] ${e.message}`));
    const wb = new Workbench(page, { url: opt.url, shotsDir: opt.shots });
    let current = 'open workspace';
    const step = async (title, fn) => {
      current = title;
      const t = Date.now();
      await fn();
      console.log(`      ok ${title} (${Date.now() - t} ms)`);
    };
    try {
      console.log(`  ${name}: ${test.title}`);
      await wb.open(workspace);
      await test.run({ wb, page, workspace, step, manifest, log: (m) => console.log(`      ${m}`) });
      counts.passed++;
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      counts.failed++;
      console.log(`  ✗ ${name}, step "${current}" (${Date.now() - started} ms): ${error.message.split('\n')[0]}`);
      await page.screenshot({ path: path.join(opt.shots, `FAILED-${name}-${current.replace(/\W+/g, '_')}.png`) }).catch(() => {});
    } finally {
      await page.close().catch(() => {});
    }
  }
} finally {
  await context.close().catch(() => {});
}

if (process.env.MHA_TEST_COUNTS) fs.appendFileSync(process.env.MHA_TEST_COUNTS, `${opt.suite} ${counts.passed} ${counts.failed} ${counts.pending}\n`);
console.log(`UI tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`);
process.exit(counts.failed ? 1 : 0);

/** A fresh folder per test, copied from `fixture` (a folder relative to test/ui/) when the test names one. */
function makeWorkspace(name, fixture) {
  const dir = path.join(opt.work, 'workspaces', name);
  fs.rmSync(dir, { recursive: true, force: true });
  if (fixture) fs.cpSync(path.resolve(here, fixture), dir, { recursive: true });
  else fs.mkdirSync(dir, { recursive: true });
  return dir;
}
