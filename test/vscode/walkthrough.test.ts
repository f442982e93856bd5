import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, manifest, ourExtension } from './support/extension';

const EXPECTED_STEPS = ['scaffold', 'lint', 'replica', 'drill', 'deploy'];

describe('walkthrough (extension host)', () => {
  const walkthrough = manifest().contributes.walkthroughs?.[0];
  before(async () => {
    await activated();
  });

  it('contributes the walkthrough scaffold → lint → replica → drill → deploy', () => {
    assert.ok(walkthrough, 'package.json has no contributes.walkthroughs');
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), EXPECTED_STEPS);
  });

  for (const step of walkthrough?.steps ?? []) {
    it(`step "${step.id}" has a markdown page that ships with the extension`, async () => {
      assert.ok(step.media.markdown, `step ${step.id} has no media.markdown`);
      const page = vscode.Uri.joinPath(ourExtension().extensionUri, step.media.markdown);
      const text = Buffer.from(await vscode.workspace.fs.readFile(page)).toString('utf8');
      assert.ok(text.trim().length > 0, `${step.media.markdown} is empty`);
    });

    const command = /\(command:(moodleHa\.[\w.]+)/.exec(step.description)?.[1];
    it(`step "${step.id}" has a button for a contributed command (${command ?? 'none'})`, async () => {
      assert.ok(command, `step ${step.id} has no [button](command:moodleHa.…) link`);
      // A button naming a command package.json does not contribute does nothing when clicked: a failure.
      assert.ok((manifest().contributes.commands ?? []).some((c) => c.command === command), `${command} is not contributed in package.json`);
      assert.ok((await vscode.commands.getCommands(true)).includes(command), `${command} is contributed but not registered`);
    });
  }
});
