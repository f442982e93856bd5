// The extension-test entry point: the extension host require()s this file and awaits run(), both in
// code-server (scripts/test-vscode.sh) and in a downloaded VS Code (test/vscode/run-electron.mjs).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { COUNTS_MARKER, START_MARKER } from './support/markers';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  // MHA_VSCODE_GREP narrows a run to some suites; the runners pass it through the environment.
  const grep = process.env.MHA_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  console.log(START_MARKER);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`${COUNTS_MARKER} ${passes} ${failures} ${pending}`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
