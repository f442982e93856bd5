import * as vscode from 'vscode';
import type { ReplicaSession } from './replica-session';

/** Shown only while a replica runs: web nodes up / total, and a click opens the site. */
export class ReplicaStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('moodleHa.replica', vscode.StatusBarAlignment.Left, 20);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: ReplicaSession) {
    this.item.name = 'Moodle HA Local Replica';
    this.item.command = 'moodleHa.replica.openSite';
    this.subscription = session.onDidChange(() => this.update());
  }

  private update(): void {
    const state = this.session.state;
    const lbUp = state?.nodes.some((n) => n.role === 'lb' && n.state === 'running');
    if (!state || !lbUp) { this.item.hide(); return; }
    const webs = state.nodes.filter((n) => n.role === 'web');
    const up = webs.filter((n) => n.state === 'running').length;
    this.item.text = `${this.session.busy ? '$(loading~spin)' : '$(server-environment)'} Replica ${up}/${webs.length} web`;
    this.item.tooltip = `Local replica '${state.project}' at ${state.siteUrl}${this.session.busy ? ` — ${this.session.busy}` : ''}`;
    this.item.backgroundColor = up < webs.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
