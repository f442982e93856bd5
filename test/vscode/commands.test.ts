import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, manifest } from './support/extension';

const OUR_PREFIX = 'moodleHa.';

describe('commands (extension host)', () => {
  let registered: string[];
  let contributed: string[];
  before(async () => {
    await activated();
    registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith(OUR_PREFIX));
    contributed = (manifest().contributes.commands ?? []).map((c) => c.command);
  });

  it('registers every command package.json contributes', () => {
    const missing = contributed.filter((id) => !registered.includes(id));
    assert.deepStrictEqual(missing, [], 'contributed in package.json but not registered by activate()');
  });

  it('contributes every moodleHa.* command it registers', () => {
    // VS Code registers `<viewId>.focus` and the like for each contributed view; those are not ours to list.
    const viewIds = Object.values(manifest().contributes.views ?? {}).flat().map((v) => v.id);
    const byVsCode = (id: string) => viewIds.some((view) => id.startsWith(`${view}.`) && /\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/.test(id));
    const ours = registered.filter((id) => !byVsCode(id));
    const extra = ours.filter((id) => !contributed.includes(id));
    assert.deepStrictEqual(extra, [], 'registered but missing from package.json contributes.commands');
  });

  it('loads the Stacks and Local Replica bundles after activation, and they provide every command declared for them', async () => {
    const problems = await (await activated()).deferredProblems();
    assert.deepStrictEqual(problems, []);
  });

  it('names every command moodleHa.<noun>.<verb> under the category "Moodle HA"', () => {
    for (const c of manifest().contributes.commands ?? []) {
      assert.match(c.command, /^moodleHa\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, c.command);
      assert.strictEqual(c.category, 'Moodle HA', `${c.command} category`);
    }
  });
});
