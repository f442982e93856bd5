import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated } from './support/extension';
import { waitFor } from './support/wait';

function pictureTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /moodleHa\.(topology|cost)/.test(t.input.viewType));
}

describe('pictures beside a template (extension host)', () => {
  before(async () => {
    await activated();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const [command, title] of [['moodleHa.topology.show', 'Topology'], ['moodleHa.cost.show', 'Capacity and Cost']]) {
    it(`${command} opens its picture beside the open template, named after it`, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test workspace is not open');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'single-az-db.template.yaml'));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand(command);
      const tab = await waitFor(() => pictureTabs()[0], { timeoutMs: 10000, explain: () => `no picture tab; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}` });
      assert.equal(tab.label, `${title}: single-az-db.template.yaml`);
      assert.notEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText))?.viewColumn, 'beside the editor, not over it');
    });
  }
});
