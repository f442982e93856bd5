import * as vscode from 'vscode';

export interface ShownMessage { kind: 'error' | 'warning' | 'info' | 'status'; text: string }

/**
 * Records what the extension shows through vscode.window until `restore()`. Why a stand-in and not
 * the real toast: the extension-host API cannot read notifications back (and the smoke-test driver
 * hides them), and a real toast would keep a failed command's promise pending until someone
 * dismisses it, since the command boundary awaits the "Open Log" choice. The stand-ins answer as
 * if the user closed the message. The extension shares this `vscode` object (same extension folder).
 */
export function captureMessages(): { shown: ShownMessage[]; texts(kind?: ShownMessage['kind']): string[]; restore(): void } {
  const shown: ShownMessage[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = {
    showErrorMessage: window.showErrorMessage,
    showWarningMessage: window.showWarningMessage,
    showInformationMessage: window.showInformationMessage,
    setStatusBarMessage: window.setStatusBarMessage,
  };
  const record = (kind: ShownMessage['kind']) => (text: string) => {
    shown.push({ kind, text: String(text) });
    return Promise.resolve(undefined);
  };
  window.showErrorMessage = record('error');
  window.showWarningMessage = record('warning');
  window.showInformationMessage = record('info');
  window.setStatusBarMessage = (text: string) => {
    shown.push({ kind: 'status', text: String(text) });
    return new vscode.Disposable(() => undefined);
  };
  return {
    shown,
    texts: (kind) => shown.filter((m) => !kind || m.kind === kind).map((m) => m.text),
    restore: () => { Object.assign(window, originals); },
  };
}
