import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated } from './support/extension';
import { waitFor } from './support/wait';

// The compiled test sits in out/test/vscode/: the repository's fixtures are three folders up.
const NAT_FIXTURE = path.resolve(__dirname, '../../../test/fixtures/ha/MHA9001-nat-gateway-per-az.yaml');
// The first lint of a session waits for AWS's validator to build its engine: slow on a loaded machine.
const TIMEOUT_MS = 100000;

/**
 * The region a template is linted for in the editor: with moodleHa.lint.region left at its
 * default, the project's region (moodle-ha.options.json one folder up, as New Project writes
 * infra/ beside it); a region the user sets wins. MHA9001 quotes the region whose prices it used.
 */
describe('lint region: the project\'s region unless the user sets one (extension host)', function () {
  this.timeout(TIMEOUT_MS + 20000);
  let project: string;
  let template: vscode.Uri;
  before(async () => {
    await activated();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is not open');
    project = path.join(folder.uri.fsPath, 'region-project');
    fs.mkdirSync(path.join(project, 'infra'), { recursive: true });
    fs.writeFileSync(path.join(project, 'moodle-ha.options.json'), JSON.stringify({ format: 'cloudformation', projectName: 'region-demo', region: 'eu-west-2' }));
    template = vscode.Uri.file(path.join(project, 'infra', 'moodle-ha.yaml'));
    fs.copyFileSync(NAT_FIXTURE, template.fsPath);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('moodleHa.lint').update('region', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(project, { recursive: true, force: true });
  });

  const natMessage = (pattern: RegExp) => waitFor(() => vscode.languages.getDiagnostics(template).find((d) => pattern.test(d.message))?.message, {
    timeoutMs: TIMEOUT_MS,
    explain: () => `no MHA9001 message matching ${pattern}; seen: ${vscode.languages.getDiagnostics(template).map((d) => d.message).filter((m) => /NAT/.test(m)).join(' | ') || 'none about NAT'}`,
  });

  it('the setting unset: MHA9001 prices the NAT gateways in the project\'s region (eu-west-2)', async () => {
    const setting = vscode.workspace.getConfiguration('moodleHa.lint').inspect<string>('region');
    assert.equal(setting?.workspaceValue ?? setting?.globalValue, undefined, 'the test starts with the setting unset');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(template));
    const message = await natMessage(/NAT gateways cost about .*on-demand prices/);
    assert.match(message, /eu-west-2 on-demand prices/, message);
  });

  it('the user sets us-east-1: that region wins over the project\'s', async () => {
    await vscode.workspace.getConfiguration('moodleHa.lint').update('region', 'us-east-1', vscode.ConfigurationTarget.Workspace);
    const message = await natMessage(/us-east-1 on-demand prices/);
    assert.doesNotMatch(message, /eu-west-2/);
  });
});
