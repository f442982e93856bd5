import * as vscode from 'vscode';
import type { LintSources, SourceState } from '../../engine/lint/lint-template';

const mark: Record<SourceState, string> = { ran: '✓', off: 'off', skipped: 'skipped', failed: '✗' };

/**
 * A status-bar item for the active template: which lint sources ran on it (AWS's validator,
 * our generic checks, cfn-lint, the Moodle HA rules), and why one did not.
 */
export class LintSourcesStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('moodleHa.lintSources', vscode.StatusBarAlignment.Left, 9);
  private readonly byDocument = new Map<string, LintSources>();

  constructor() {
    this.item.name = 'Moodle HA lint sources';
    this.item.command = 'moodleHa.log.show';
  }

  update(uri: vscode.Uri, sources: LintSources): void {
    this.byDocument.set(uri.toString(), sources);
    this.show(vscode.window.activeTextEditor?.document.uri);
  }

  show(uri: vscode.Uri | undefined): void {
    const sources = uri && this.byDocument.get(uri.toString());
    if (!sources) { this.item.hide(); return; }
    const cfnLint = sources.cfnLint ? ` cfn-lint ${mark[sources.cfnLint]}` : '';
    this.item.text = `$(checklist) validator ${mark[sources.validator]}${cfnLint}`;
    this.item.tooltip = [
      `AWS validator: ${sources.validator}`, `generic checks: ${sources.generic}`, `cfn-lint: ${sources.cfnLint ?? 'not used'}`, `Moodle HA rules: ${sources.haRules}`,
      ...sources.notes,
    ].join('\n');
    this.item.show();
  }

  dispose(): void { this.item.dispose(); }
}
