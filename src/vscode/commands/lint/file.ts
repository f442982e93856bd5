import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import type { ExtensionCommand } from '../command';

/** Lint the active editor now, whatever the include/exclude settings say. */
export const lintFileCommand: ExtensionCommand = {
  id: 'moodleHa.lint.file',
  async run(services) {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) throw new MhaError('usage', 'No file is open.', { nextStep: 'Open a CloudFormation template, then run the command again.' });
    const findings = await services.linter.lint(document);
    if (findings === undefined) {
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(document.uri)} is not linted: it is not a CloudFormation template, or it is excluded by the moodleHa.lint settings.`);
      return;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    vscode.window.setStatusBarMessage(`Moodle HA: ${findings.length} findings (${errors} errors)`, 5000);
  },
};
