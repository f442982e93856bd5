import * as vscode from 'vscode';
import { TemplateModel } from '../../../engine/template/template-model';
import type { ExtensionCommand } from '../command';

/** The command link a picture puts on a resource: opens the template with the resource selected. */
export function revealLink(uri: vscode.Uri, logicalId: string): string {
  return `command:moodleHa.topology.reveal?${encodeURIComponent(JSON.stringify([uri.toString(), logicalId]))}`;
}

export const revealResourceCommand: ExtensionCommand = {
  id: 'moodleHa.topology.reveal',
  async run(_services, uriText, logicalId) {
    if (typeof uriText !== 'string' || typeof logicalId !== 'string') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    const resource = TemplateModel.parse(uriText, document.getText()).resource(logicalId);
    const range = resource ? new vscode.Range(resource.keyRange.start.line, resource.keyRange.start.character, resource.keyRange.end.line, resource.keyRange.end.character) : undefined;
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: range });
  },
};
