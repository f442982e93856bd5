import * as vscode from 'vscode';
import type { Services } from '../services';
import { affectsLint } from './lint-settings';
import { LintSourcesStatus } from './lint-sources-status';
import { moodleStackStatus } from './moodle-stack-status';
import { QuickFixProvider } from './quick-fix-provider';
import { showValidatorStarting } from './validator-status';

/** Live linting: on open, on change (debounced), on settings change; cleared on close. */
export function registerLint(services: Services): void {
  const { linter } = services;
  const subscriptions = services.context.subscriptions;
  const sourcesStatus = new LintSourcesStatus();
  subscriptions.push(
    sourcesStatus,
    linter.onSourcesChanged(({ uri, sources }) => sourcesStatus.update(uri, sources)),
    vscode.window.onDidChangeActiveTextEditor((e) => sourcesStatus.show(e?.document.uri)),
    linter,
    linter.onValidatorStarting(showValidatorStarting),
    moodleStackStatus(linter),
    vscode.workspace.onDidOpenTextDocument((d) => linter.schedule(d)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) linter.schedule(e.document, 'edit'); }),
    vscode.workspace.onDidCloseTextDocument((d) => linter.clear(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsLint(e)) return;
      linter.reloadSettings();
      for (const d of vscode.workspace.textDocuments) linter.schedule(d);
    }),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], new QuickFixProvider(linter), { providedCodeActionKinds: QuickFixProvider.kinds }),
  );
  // Documents already open when we activate.
  for (const d of vscode.workspace.textDocuments) linter.schedule(d);
}
