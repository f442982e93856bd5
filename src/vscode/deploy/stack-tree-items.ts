import * as vscode from 'vscode';
import type { Output, Parameter, Stack, StackEvent, StackResource } from '@aws-sdk/client-cloudformation';
import type { FailureCause } from '../../engine/deploy/deploy-messages';
import { StackStatus, type StatusClass } from '../../engine/deploy/stack-status';

/** The tree's nodes as data; stacks-tree.ts turns them into TreeItems and children. */
export type StackNode =
  | { kind: 'target'; label: string; detail: string }
  | { kind: 'message'; label: string; detail?: string; icon?: string; command?: vscode.Command }
  | { kind: 'signIn'; profile?: string; reason: string }
  | { kind: 'stack'; stack: Stack; busy?: string; failure?: FailureCause }
  | { kind: 'group'; stack: Stack; group: 'parameters' | 'outputs' | 'resources' | 'events' }
  | { kind: 'failure'; cause: FailureCause }
  | { kind: 'parameter'; parameter: Parameter }
  | { kind: 'output'; output: Output }
  | { kind: 'resource'; resource: StackResource }
  | { kind: 'event'; event: StackEvent }
  | { kind: 'showAll'; hidden: number };

const ICON: Record<StatusClass, [string, string?]> = {
  complete: ['pass', 'testing.iconPassed'],
  inProgress: ['sync~spin'],
  failed: ['error', 'testing.iconFailed'],
  rolledBack: ['history', 'list.warningForeground'],
  deleted: ['trash', 'disabledForeground'],
  review: ['eye'],
};

export function statusIcon(status: string | undefined): vscode.ThemeIcon {
  const [id, color] = ICON[StackStatus.of(status).statusClass];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

export function toTreeItem(node: StackNode): vscode.TreeItem {
  const None = vscode.TreeItemCollapsibleState.None;
  const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  switch (node.kind) {
    case 'target': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.detail;
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.contextValue = 'moodleHa.target';
      item.tooltip = 'AWS profile and region. Use the buttons to switch.';
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.label, None);
      item.description = node.detail;
      item.iconPath = new vscode.ThemeIcon(node.icon ?? 'info');
      item.command = node.command;
      return item;
    }
    case 'signIn': {
      const item = new vscode.TreeItem('Sign in to AWS…', None);
      item.description = node.reason;
      item.iconPath = new vscode.ThemeIcon('account');
      item.command = { command: 'moodleHa.stack.signIn', title: 'Sign in', arguments: [node.profile] };
      return item;
    }
    case 'stack': {
      const s = node.stack;
      const item = new vscode.TreeItem(s.StackName ?? '?', Collapsed);
      item.id = s.StackId;
      item.description = node.busy ? `${node.busy}…` : s.StackStatus;
      item.iconPath = node.busy ? new vscode.ThemeIcon('sync~spin') : statusIcon(s.StackStatus);
      item.contextValue = `moodleHa.stack${node.busy ? '.busy' : ''}`;
      const md = new vscode.MarkdownString(`**${s.StackName}** — ${s.StackStatus}${s.StackStatusReason ? `\n\n${s.StackStatusReason}` : ''}`);
      if (node.failure) md.appendMarkdown(`\n\n**Failed:** ${node.failure.logicalId}: ${node.failure.reason}`);
      item.tooltip = md;
      return item;
    }
    case 'group': {
      const labels = { parameters: 'Parameters', outputs: 'Outputs', resources: 'Resources', events: 'Recent events' };
      const icons = { parameters: 'symbol-parameter', outputs: 'output', resources: 'symbol-class', events: 'history' };
      const item = new vscode.TreeItem(labels[node.group], Collapsed);
      item.id = `${node.stack.StackId}/${node.group}`;
      item.iconPath = new vscode.ThemeIcon(icons[node.group]);
      return item;
    }
    case 'failure': {
      const item = new vscode.TreeItem(`${[...node.cause.nestedPath, node.cause.logicalId].join('/')}: ${node.cause.reason}`, None);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
      item.tooltip = `${node.cause.status} (${node.cause.type ?? ''}): ${node.cause.reason}`;
      item.contextValue = 'moodleHa.failure';
      return item;
    }
    case 'parameter': {
      const item = new vscode.TreeItem(node.parameter.ParameterKey ?? '?', None);
      // CloudFormation already masks NoEcho values as ****.
      item.description = node.parameter.ParameterValue ?? '';
      return item;
    }
    case 'output': {
      const value = node.output.OutputValue ?? '';
      const item = new vscode.TreeItem(node.output.OutputKey ?? '?', None);
      item.description = value;
      item.tooltip = node.output.Description ?? value;
      if (/^https?:\/\//.test(value)) {
        item.iconPath = new vscode.ThemeIcon('link-external');
        item.command = { command: 'moodleHa.stack.openUrl', title: 'Open', arguments: [value] };
        item.contextValue = 'moodleHa.output.url';
      }
      return item;
    }
    case 'resource': {
      const r = node.resource;
      const item = new vscode.TreeItem(r.LogicalResourceId ?? '?', None);
      item.description = `${r.ResourceStatus ?? ''} · ${r.ResourceType ?? ''}`;
      item.iconPath = statusIcon(r.ResourceStatus?.replace(/^(CREATE|UPDATE|DELETE|IMPORT)_/, 'CREATE_'));
      item.tooltip = `${r.PhysicalResourceId ?? ''}${r.ResourceStatusReason ? `\n${r.ResourceStatusReason}` : ''}`;
      return item;
    }
    case 'event': {
      const e = node.event;
      const item = new vscode.TreeItem(`${e.LogicalResourceId} ${e.ResourceStatus}`, None);
      item.description = `${e.Timestamp?.toLocaleTimeString() ?? ''}${e.ResourceStatusReason ? ` — ${e.ResourceStatusReason}` : ''}`;
      item.iconPath = statusIcon(e.ResourceStatus);
      item.tooltip = e.ResourceStatusReason;
      return item;
    }
    case 'showAll': {
      const item = new vscode.TreeItem(`Show all stacks (${node.hidden} more)`, None);
      item.iconPath = new vscode.ThemeIcon('list-flat');
      item.command = { command: 'moodleHa.stack.showAll', title: 'Show all stacks' };
      return item;
    }
  }
}
