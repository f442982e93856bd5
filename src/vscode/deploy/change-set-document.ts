import * as vscode from 'vscode';
import { isReplacement, type ChangeSetPreview } from '../../engine/deploy/change-set-preview';

export const CHANGE_SET_SCHEME = 'moodle-ha-changeset';

/** Read-only documents showing a change set as Markdown, replacements in bold with a warning sign. */
export class ChangeSetDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(preview: ChangeSetPreview): Promise<void> {
    const uri = vscode.Uri.from({ scheme: CHANGE_SET_SCHEME, path: `/${preview.stackName}/${preview.changeSetName}.md` });
    this.contents.set(uri.toString(), changeSetMarkdown(preview));
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
    // The rendered form shows the table; the source stays one click away.
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => undefined);
  }
}

export function changeSetMarkdown(p: ChangeSetPreview): string {
  const rows = p.changes.map((c) => {
    const replace = c.replacement === 'True' ? '⚠️ **Replacement**' : c.replacement === 'Conditional' ? '⚠️ **May replace**' : '';
    const causes = c.causes.map((x) => `${x.property}${x.requiresRecreation && x.requiresRecreation !== 'Never' ? ` (recreation: ${x.requiresRecreation})` : ''}`).join(', ');
    return `| ${c.action} | ${c.logicalId} | ${c.type ?? ''} | ${replace} | ${causes} |`;
  });
  const replaced = p.changes.filter(isReplacement).length;
  return [
    `# Change set for ${p.stackName} (${p.type})`,
    '',
    replaced ? `> ⚠️ **${replaced} resource(s) will or may be replaced.** A replaced resource gets a new physical id; data in it can be lost.` : '> No resource is replaced.',
    '',
    '| Action | Resource | Type | Replacement | Caused by |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length ? rows : ['| — | (no resource changes: parameters, outputs or tags only) | | | |']),
    '',
    '## Parameters',
    ...p.parameters.map((x) => `- ${x.key} = ${x.usePrevious ? '*(previous value)*' : `\`${x.value}\``}`),
    '',
    p.capabilities.length ? `Capabilities: ${p.capabilities.join(', ')}` : '',
  ].join('\n');
}
