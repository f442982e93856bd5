// Runs the extension-host suites (out/test/vscode/index.js) inside code-server's Node extension host.
// The server must run with `--vscode-option enable-smoke-test-driver`: only then does the workbench
// honour ?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]], and it reports the end
// through window.codeAutomationExit and every log line through window.codeAutomationLog.
// Usage: node test/vscode/run-code-server.mjs --url URL --workspace DIR --extension DIR --tests FILE
//          --profile DIR [--screenshot FILE] [--log FILE] [--suite NAME]
// Appends `<suite> <passed> <failed> <pending>` to $MHA_TEST_COUNTS; exits 0 only if every test passed.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../ui/support/browser.mjs';

const { values: opt } = parseArgs({ options: {
  url: { type: 'string' }, workspace: { type: 'string' }, extension: { type: 'string' }, tests: { type: 'string' },
  profile: { type: 'string' }, screenshot: { type: 'string' }, log: { type: 'string' }, suite: { type: 'string', default: 'vscode-exthost' },
} });
for (const required of ['url', 'workspace', 'extension', 'tests', 'profile']) {
  if (!opt[required]) { console.error(`missing --${required}`); process.exit(2); }
}
const TIMEOUT_MS = Number(process.env.MHA_EXTHOST_TIMEOUT_MS || 300000);
const COUNTS = /^MHA_COUNTS (\d+) (\d+) (\d+)\s*$/m;  // see test/vscode/support/markers.ts

const started = Date.now();
const remote = (p) => `vscode-remote://${new URL(opt.url).host}${path.resolve(p)}`;
const payload = [['extensionDevelopmentPath', remote(opt.extension)], ['extensionTestsPath', remote(opt.tests)]];
const target = `${opt.url}/?folder=${encodeURIComponent(path.resolve(opt.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const logLines = [];
// The workbench logs a lot while it starts; the terminal shows only what the suites print.
let echo = false;
const record = (line) => {
  logLines.push(line);
  if (line.startsWith('MHA_TESTS_START')) echo = true;
  else if (echo || line.startsWith('[pageerror]')) console.log(line);
};

const context = await launchBrowser(opt.profile);
const page = context.pages()[0] ?? await context.newPage();
let finish;
const finished = new Promise((resolve) => { finish = resolve; });
await page.exposeFunction('codeAutomationLog', (_type, args) => record(util.format(...(args ?? []))));
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
page.on('pageerror', (e) => record(`[pageerror] ${e.message}`));
// A loaded machine (2 cores shared) can take over 30 s to serve the workbench page.
await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 120000 });
const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
const code = await finished;
clearTimeout(timer);
if (opt.screenshot) await page.screenshot({ path: opt.screenshot }).catch(() => {});
await context.close();
if (opt.log) fs.writeFileSync(opt.log, logLines.join('\n') + '\n');

const counts = COUNTS.exec(logLines.join('\n'));
let [passed, failed, pending] = counts ? counts.slice(1).map(Number) : [0, 0, 0];
// No counts line means the suites never ran (activation error, runner crash, timeout): one failure.
if (!counts || (code !== 0 && failed === 0)) failed += 1;
if (process.env.MHA_TEST_COUNTS) fs.appendFileSync(process.env.MHA_TEST_COUNTS, `${opt.suite} ${passed} ${failed} ${pending}\n`);
console.log(`extension-host suites: exit ${code}, ${passed} passed, ${failed} failed, ${pending} pending (${Date.now() - started} ms)`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
