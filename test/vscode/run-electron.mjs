// The same extension-host suites in a downloaded desktop VS Code, for machines that can reach
// update.code.visualstudio.com (this project's CI cannot; it uses scripts/test-vscode.sh).
//   npm install --no-save @vscode/test-electron   (not a dependency on purpose)
//   npx tsc -p . && npm run build && node test/vscode/run-electron.mjs [--version 1.90.0|stable]
// Exit status: the suites' (0 when every test passed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opt } = parseArgs({ options: { version: { type: 'string', default: 'stable' } } });

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch {
  console.error('@vscode/test-electron is not installed. Install it for this run only:\n'
    + '  npm install --no-save @vscode/test-electron\n'
    + 'or, where VS Code cannot be downloaded, run: bash scripts/test-vscode.sh (code-server).');
  process.exit(2);
}

const testsPath = path.join(root, 'out/test/vscode/index.js');
if (!fs.existsSync(testsPath)) { console.error(`${testsPath} is missing; run npx tsc -p . first`); process.exit(2); }
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-exthost-'));
fs.cpSync(path.join(root, 'test/vscode/fixtures/workspace'), workspace, { recursive: true });

let exitCode = 1;
try {
  await testElectron.runTests({
    version: opt.version,
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  exitCode = 0;
} catch (error) {
  console.error(`extension-host suites failed: ${error.message ?? error}`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
process.exit(exitCode);
