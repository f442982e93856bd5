import * as vscode from 'vscode';

/** What a view shows instead of its content in Restricted Mode: one row that opens the trust editor. */
export const MANAGE_TRUST_COMMAND: vscode.Command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' };

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}
