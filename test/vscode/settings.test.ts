import * as assert from 'assert';
import * as vscode from 'vscode';
import { contributedSettings } from './support/extension';

describe('settings (extension host)', () => {
  const settings = Object.entries(contributedSettings());

  it('declares every setting under moodleHa. with a description and a default', function () {
    if (settings.length === 0) this.skip();
    for (const [key, s] of settings) {
      assert.match(key, /^moodleHa\./, key);
      assert.ok(s.description || s.markdownDescription, `${key} has no description`);
      assert.ok('default' in s, `${key} has no default`);
    }
  });

  it('reads each declared default back through the configuration API', function () {
    if (settings.length === 0) this.skip();
    for (const [key, s] of settings) {
      const inspected = vscode.workspace.getConfiguration().inspect(key);
      assert.ok(inspected, `${key} is not known to VS Code`);
      assert.deepStrictEqual(inspected.defaultValue, s.default, `${key} default`);
    }
  });
});
