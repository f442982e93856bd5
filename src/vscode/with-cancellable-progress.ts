import * as vscode from 'vscode';

export type ReportProgress = (update: { message?: string; increment?: number }) => void;

/**
 * The one bridge from VS Code's progress notification to the engine: its Cancel button becomes an
 * AbortSignal, its text the `report` callback. The cancellation listener is disposed when `work`
 * ends, whichever way it ends.
 */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, report: ReportProgress, token: vscode.CancellationToken) => PromiseLike<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, (update) => progress.report(update), token);
    } finally {
      subscription.dispose();
    }
  });
}
