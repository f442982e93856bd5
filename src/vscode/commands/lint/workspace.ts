import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import { decodeTemplateBytes } from '../../../engine/template/decode';
import { lintTemplate } from '../../../engine/lint/lint-template';
import { nodeTemplateFiles } from '../../../engine/topology/stack-family/template-files';
import { readLintSettings } from '../../lint/lint-settings';
import type { ExtensionCommand } from '../command';

/** Lint every template in the workspace, open or not, with progress and cancel. */
export const lintWorkspaceCommand: ExtensionCommand = {
  id: 'moodleHa.lint.workspace',
  async run(services) {
    if (!vscode.workspace.workspaceFolders?.length) throw new MhaError('usage', 'No folder is open.', { nextStep: 'Open the folder with your templates (File → Open Folder), then run the command again.' });
    const settings = readLintSettings();
    const include = settings.include.length === 1 ? settings.include[0] : `{${settings.include.join(',')}}`;
    const exclude = `{${['**/node_modules/**', '**/cdk.out/**', ...settings.exclude].join(',')}}`;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Moodle HA: linting templates', cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const files = await vscode.workspace.findFiles(include, exclude, 5000, token);
      // One reader for the run: each template's parent and nested stacks are read and parsed once.
      const templateFiles = nodeTemplateFiles();
      let templates = 0;
      let errors = 0;
      for (const [index, uri] of files.entries()) {
        if (token.isCancellationRequested) return;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const decoded = open ? { ok: true as const, text: open.getText() } : decodeTemplateBytes(await vscode.workspace.fs.readFile(uri));
        if (!decoded.ok) continue;
        const result = await lintTemplate(uri.fsPath, decoded.text, { validator: settings.useValidator ? services.linter.validator : undefined, region: settings.region, rules: settings.rules, signal: controller.signal, files: templateFiles });
        if (!result.isCloudFormation) continue;
        templates++;
        errors += result.findings.filter((f) => f.severity === 'error').length;
        services.linter.publish(uri, result.findings);
        void index;
      }
      void vscode.window.showInformationMessage(`Moodle HA: linted ${templates} template${templates === 1 ? '' : 's'} (${files.length} files looked at): ${errors} error${errors === 1 ? '' : 's'}.`, 'Show Problems')
        .then((choice) => { if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
    });
  },
};
