import * as vscode from 'vscode';
import { activateExtension } from './vscode/activate';

export function activate(context: vscode.ExtensionContext) {
  return activateExtension(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
