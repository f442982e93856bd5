import * as path from 'node:path';
import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import { defaultOptions } from '../../../engine/scaffold/options';
import { OPTIONS_FILE, planScaffold, TEMPLATE_FILE } from '../../../engine/scaffold/plan';
import { writePlan } from '../../../engine/scaffold/write-plan';
import { conflictResolver } from '../../scaffold/resolve-conflicts';
import { runWizard } from '../../scaffold/run-wizard';
import type { ExtensionCommand } from '../command';
import { withCancellableProgress } from '../../with-cancellable-progress';
import { setProjectFound } from '../../project/project-context';

/**
 * "Moodle HA: New Project…": the wizard, then the files (answers saved as moodle-ha.options.json,
 * the same JSON `moodle-ha scaffold --config` reads), asking per existing file, then the README.
 */
export const newProjectCommand: ExtensionCommand = {
  id: 'moodleHa.project.new',
  async run(services) {
    const answers = await runWizard(defaultOptions());
    if (!answers) return;
    const folder = await chooseFolder(answers.projectName);
    if (!folder) return;
    const plan = planScaffold(answers);
    const result = await withCancellableProgress('Moodle HA: writing the project', (signal) => writePlan(plan, folder.fsPath, { onConflict: conflictResolver(folder.fsPath), signal }));
    if (result.cancelled) return;
    setProjectFound(true);
    services.logger.info(`Scaffolded ${folder.fsPath}: ${result.written.length} written, ${result.skipped.length} skipped, ${result.unchanged.length} unchanged; answers in ${OPTIONS_FILE}`);
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(folder.fsPath, 'README.md')));
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder.fsPath, TEMPLATE_FILE)), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const demo = answers.domain.certificateArn ? '' : ' DEMO MODE: HTTP only, no certificate — not for real users.';
    void vscode.window.showInformationMessage(`Moodle HA: wrote ${result.written.length} file(s) to ${vscode.workspace.asRelativePath(folder)}${result.skipped.length ? `, kept ${result.skipped.length}` : ''}.${demo}`);
  },
};

async function chooseFolder(projectName: string): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Moodle HA: folder for the new project',
    openLabel: 'Scaffold Here',
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    defaultUri: root ? vscode.Uri.joinPath(root, projectName) : undefined,
  });
  if (!picked?.[0]) return undefined;
  if (picked[0].scheme !== 'file') throw new MhaError('scaffold.write', `Cannot write to ${picked[0].toString()}.`, { nextStep: 'Choose a folder on this machine.' });
  return picked[0];
}
