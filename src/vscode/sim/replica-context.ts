import * as vscode from 'vscode';
import type { ReplicaSession } from './replica-session';

/**
 * Context keys from the replica's real state, for the `when` clauses of the view's title buttons
 * and welcome page: moodleHa.replica.answered (Docker was asked), moodleHa.replica.running (a replica exists in Docker), moodleHa.replica.busy
 * (an operation of ours runs on it), moodleHa.replica.drill (that operation is a drill).
 */
export class ReplicaContextKeys implements vscode.Disposable {
  private readonly shown = new Map<string, boolean>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: ReplicaSession) {
    this.subscription = session.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    this.set('moodleHa.replica.answered', this.session.answered);
    this.set('moodleHa.replica.running', !!this.session.state);
    this.set('moodleHa.replica.busy', !!this.session.busy);
    this.set('moodleHa.replica.drill', !!this.session.drilling);
  }

  private set(key: string, value: boolean): void {
    if (this.shown.get(key) === value) return;
    this.shown.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
