import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import { lintFiles } from '../../../engine/lint/lint-files';
import { LINT_SECTION, readLintSettings } from '../../lint/lint-settings';
import { withCancellableProgress } from '../../with-cancellable-progress';
import type { ExtensionCommand } from '../command';

/** Lint every template in the workspace, open or not, with progress and cancel: the engine's multi-file lint, the editor's validator. */
export const lintWorkspaceCommand: ExtensionCommand = {
  id: 'moodleHa.lint.workspace',
  async run(services) {
    if (!vscode.workspace.workspaceFolders?.length) throw new MhaError('usage', 'No folder is open.', { nextStep: 'Open the folder with your templates (File → Open Folder), then run the command again.' });
    const settings = readLintSettings(vscode.workspace.getConfiguration(LINT_SECTION));
    const include = settings.include.length === 1 ? settings.include[0] : `{${settings.include.join(',')}}`;
    const exclude = `{${['**/node_modules/**', '**/cdk.out/**', ...settings.exclude].join(',')}}`;
    await withCancellableProgress('Moodle HA: linting templates', async (signal, report, token) => {
      const uris = (await vscode.workspace.findFiles(include, exclude, 5000, token)).filter((u) => u.scheme === 'file');
      const byPath = new Map(uris.map((u) => [u.fsPath, u]));
      // An open editor's text wins over the disk: the user sees findings for what they are editing.
      const openText = new Map(vscode.workspace.textDocuments.filter((d) => byPath.has(d.uri.fsPath)).map((d) => [d.uri.fsPath, d.getText()]));
      const results = await lintFiles([...byPath.keys()], {
        validator: settings.useValidator ? services.linter.validator : undefined, useValidator: settings.useValidator,
        region: settings.region, rules: settings.rules, signal,
        textOf: (file) => openText.get(file),
        onFile: (result) => report({ message: vscode.workspace.asRelativePath(result.file), increment: 100 / byPath.size }),
      });
      let templates = 0;
      let errors = 0;
      for (const result of results) {
        // Not CloudFormation, or unreadable as text (too large, not UTF-8): nothing to say about a
        // workspace file that may be any JSON or YAML (package-lock.json is often over 1 MB).
        if (result.skipped || (result.findings.length === 1 && result.findings[0].ruleId === 'E0000' && !openText.has(result.file))) continue;
        templates++;
        errors += result.findings.filter((f) => f.severity === 'error').length;
        services.linter.publish(byPath.get(result.file)!, result.findings);
      }
      void vscode.window.showInformationMessage(`Moodle HA: linted ${templates} template${templates === 1 ? '' : 's'} (${byPath.size} files looked at): ${errors} error${errors === 1 ? '' : 's'}.`, 'Show Problems')
        .then((choice) => { if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
    });
  },
};
