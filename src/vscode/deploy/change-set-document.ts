import * as vscode from 'vscode';
import { changeSetMarkdown } from '../../engine/deploy/change-set-markdown';
import type { ChangeSetPreview } from '../../engine/deploy/change-set-preview';

export const CHANGE_SET_SCHEME = 'moodle-ha-changeset';
const KEPT_DOCUMENTS = 20;

/** Read-only documents showing a change set as Markdown, replacements in bold with a warning sign. */
export class ChangeSetDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(preview: ChangeSetPreview): Promise<void> {
    const uri = vscode.Uri.from({ scheme: CHANGE_SET_SCHEME, path: `/${preview.stackName}/${preview.changeSetName}.md` });
    this.contents.set(uri.toString(), changeSetMarkdown(preview));
    // Only recent change sets stay readable; older documents show empty instead of piling up.
    while (this.contents.size > KEPT_DOCUMENTS) this.contents.delete(this.contents.keys().next().value!);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
    // The rendered form shows the table; the source stays one click away.
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => undefined);
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
