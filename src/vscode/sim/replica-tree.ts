import * as vscode from 'vscode';
import type { ReplicaNode } from '../../engine/sim/replica/replica-state';
import type { ReplicaSession } from './replica-session';
import { isTrusted, MANAGE_TRUST_COMMAND } from '../trust/trust-node';

type Item = { kind: 'summary' } | { kind: 'node'; node: ReplicaNode } | { kind: 'message'; text: string; detail?: string; command?: vscode.Command };

const ROLE_ICON: Record<ReplicaNode['role'], string> = { lb: 'arrow-swap', web: 'server', db: 'database', cache: 'layers' };

/** "Local Replica": one line for the site, then each node with role, state, health and image. */
export class ReplicaTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: ReplicaSession) {
    this.subscription = session.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: Item): Item[] {
    if (element) return [];
    const s = this.session;
    if (!isTrusted()) return [{ kind: 'message', text: 'Trust this folder to use the local replica', detail: 'Restricted Mode: Docker is not touched', command: MANAGE_TRUST_COMMAND }];
    if (s.error) return [{ kind: 'message', text: 'Docker is not available', detail: s.error }];
    if (!s.state && s.busy) return [{ kind: 'message', text: s.busy }];
    // None running: the view's welcome page (package.json viewsWelcome) offers Start and New Project.
    if (!s.state) return [];
    return [{ kind: 'summary' }, ...s.state.nodes.map((node) => ({ kind: 'node' as const, node }))];
  }

  getTreeItem(element: Item): vscode.TreeItem {
    if (element.kind === 'message') {
      const item = new vscode.TreeItem(element.text);
      item.description = element.detail;
      item.tooltip = element.detail;
      item.command = element.command;
      item.iconPath = new vscode.ThemeIcon(this.session.busy ? 'loading~spin' : 'info');
      return item;
    }
    const state = this.session.state!;
    if (element.kind === 'summary') {
      const item = new vscode.TreeItem(state.siteUrl);
      const p = state.plan;
      item.description = `${this.session.busy ?? ''} ${p.app.kind} · ${p.database.family === 'postgres' ? 'PostgreSQL' : 'MariaDB'} · ${p.cache.kind}${p.cache.replica ? ' + replica' : ''}${p.appCache ? ' · MUC on Redis' : ''}`.trim();
      item.iconPath = new vscode.ThemeIcon(this.session.busy ? 'loading~spin' : 'globe');
      item.contextValue = 'moodleHa.replica.site';
      item.command = { command: 'moodleHa.replica.openSite', title: 'Open Site' };
      return item;
    }
    const n = element.node;
    const item = new vscode.TreeItem(n.name);
    item.description = `${n.role} · ${stateWord(n.state)}${n.health !== 'none' && n.health !== '-' ? ` · ${n.health}` : ''}`;
    item.tooltip = new vscode.MarkdownString(`**${n.name}** (${n.role})\n\nstate: ${stateWord(n.state)}${stateWord(n.state) !== n.state ? ` (Docker: ${n.state})` : ''}  \nhealth: ${n.health}  \naddress: ${n.ip}  \nimage: \`${n.image}\`  \ncontainer: \`${n.container}\``);
    const colour = n.state !== 'running' ? 'errorForeground' : n.health === 'unhealthy' ? 'problemsWarningIcon.foreground' : n.health === 'healthy' ? 'testing.iconPassed' : undefined;
    item.iconPath = new vscode.ThemeIcon(ROLE_ICON[n.role], colour ? new vscode.ThemeColor(colour) : undefined);
    item.contextValue = `moodleHa.replica.node.${n.state === 'running' ? 'running' : 'stopped'}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * Docker's state in the words of the node's menu: a container that has exited is a stopped node,
 * which Start brings back (Docker itself never says "stopped"; the row used to show "exited").
 */
export function stateWord(state: string): string {
  return state === 'exited' ? 'stopped' : state;
}

/** The node name a tree item stands for (commands get the item as their argument). */
export function nodeNameOf(arg: unknown): string | undefined {
  const item = arg as { kind?: string; node?: { name?: string } } | undefined;
  return item?.kind === 'node' ? item.node?.name : typeof arg === 'string' ? arg : undefined;
}
