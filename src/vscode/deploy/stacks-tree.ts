import * as vscode from 'vscode';
import type { Stack } from '@aws-sdk/client-cloudformation';
import { asMhaError, isMhaError, MhaError } from '../../engine/common/errors';
import { describeTarget } from '../../engine/deploy/aws-target';
import { mapAwsError } from '../../engine/deploy/map-aws-error';
import { isOurs, listStacks, recentEvents, stackResources } from '../../engine/deploy/stack-reader';
import { StackStatus } from '../../engine/deploy/stack-status';
import type { ResourceProgress } from '../../engine/deploy/deploy-messages';
import type { StackSession, StacksState } from './stack-session';
import { toTreeItem, type StackNode } from './stack-tree-items';
import { isTrusted, MANAGE_TRUST_COMMAND } from '../trust/trust-node';

/** "Moodle HA Stacks": target → stacks (ours first) → parameters, outputs, resources, events. */
export class StacksTreeProvider implements vscode.TreeDataProvider<StackNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StackNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private stacks?: Stack[];
  private error?: MhaError;
  private fingerprint = '';
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: StackSession) {
    // Our own operation reports every event already: redraw from that, without another API call.
    this.subscription = session.onDidChangeLive(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Reads the stack list; fires a tree change only when something differs. Returns whether it did. */
  async refresh(force = false): Promise<boolean> {
    // Restricted Mode, or an endpoint not agreed to yet: no call at all (the root row says why).
    await this.session.settled();
    const state = this.session.state(isTrusted());
    const blocked = state === 'ready' ? undefined : state;
    const clients = this.session.tryClients();
    let stacks: Stack[] | undefined;
    let error: MhaError | undefined;
    if (blocked || isMhaError(clients)) { /* nothing is read */ } else {
      try { stacks = await listStacks(clients.cloudFormation()); } catch (e) {
        const mapped = mapAwsError(e, clients.target, 'listing stacks');
        error = asMhaError(mapped) ?? new MhaError('internal', String(mapped));
      }
    }
    const fingerprint = JSON.stringify([blocked, error?.message, stacks?.map((s) => [s.StackId, s.StackStatus, s.LastUpdatedTime]), [...this.session.running], [...this.session.pinnedFailures.keys()]]);
    this.stacks = stacks;
    this.error = error;
    const differs = force || fingerprint !== this.fingerprint;
    this.fingerprint = fingerprint;
    if (differs) this.changed.fire(undefined);
    return differs;
  }

  /** A stack is changing that no operation of ours follows (another tool, the console): poll it quickly. */
  anyBusy(): boolean {
    return (this.stacks ?? []).some((s) => StackStatus.of(s.StackStatus).isInProgress && !this.session.running.has(s.StackName ?? ''));
  }

  getTreeItem(node: StackNode): vscode.TreeItem { return toTreeItem(node); }

  async getChildren(node?: StackNode): Promise<StackNode[]> {
    if (!node) {
      await this.session.settled();
      const state = this.session.state(isTrusted());
      this.showState(state);
      if (state === 'untrusted') {
        return [{ kind: 'message', label: 'Trust this folder to see your stacks', detail: 'Restricted Mode: nothing is sent to AWS', icon: 'shield', command: MANAGE_TRUST_COMMAND }];
      }
      // No region, no credentials, an endpoint to confirm: the view's welcome page for that state
      // (package.json viewsWelcome, on moodleHa.stacks.state) says what is missing, with buttons.
      if (state !== 'ready') return [];
      if (!this.stacks && !this.error) await this.refresh();
      const s = this.session.settings;
      const clients = this.session.clients();
      const from = this.session.regionSource(clients.target.region);
      return [{ kind: 'target', label: s.profile ?? 'default profile', detail: `${describeTarget(clients.target)}${from ? ` (${from})` : ''}` }];
    }
    switch (node.kind) {
      case 'target': return this.stackNodes();
      case 'stack': {
        const name = node.stack.StackName ?? '';
        const failure = this.session.pinnedFailures.get(name);
        const groups: StackNode[] = (['parameters', 'outputs', 'resources', 'events'] as const).map((group) => ({ kind: 'group', stack: node.stack, group }));
        return failure ? [{ kind: 'failure', cause: failure }, ...groups] : groups;
      }
      case 'group': return this.groupChildren(node.stack, node.group);
      default: return [];
    }
  }

  private shownState?: StacksState;

  private showState(state: StacksState): void {
    if (state === this.shownState) return;
    this.shownState = state;
    void vscode.commands.executeCommand('setContext', 'moodleHa.stacks.state', state);
  }

  private stackNodes(): StackNode[] {
    if (this.error) {
      if (this.error.code === 'aws.credentials' || this.error.code === 'aws.ssoExpired') {
        return [{ kind: 'signIn', profile: this.session.settings.profile, reason: this.error.message }];
      }
      return [{ kind: 'message', label: this.error.message, detail: this.error.nextStep, icon: 'warning' }];
    }
    const all = this.stacks ?? [];
    const shown = this.session.settings.showAllStacks ? all : all.filter(isOurs);
    const nodes: StackNode[] = shown.map((stack) => ({
      kind: 'stack', stack, busy: this.session.running.get(stack.StackName ?? ''), failure: this.session.pinnedFailures.get(stack.StackName ?? ''),
    }));
    if (!nodes.length) nodes.push({ kind: 'message', label: 'No stacks deployed by Moodle HA here yet', icon: 'rocket', command: { command: 'moodleHa.stack.deploy', title: 'Deploy' } });
    if (shown.length < all.length) nodes.push({ kind: 'showAll', hidden: all.length - shown.length });
    return nodes;
  }

  private async groupChildren(stack: Stack, group: 'parameters' | 'outputs' | 'resources' | 'events'): Promise<StackNode[]> {
    if (!isTrusted() || this.session.unconfirmedEndpoint()) return [];
    const fresh = this.stacks?.find((s) => s.StackId === stack.StackId) ?? stack;
    const empty = (label: string): StackNode[] => [{ kind: 'message', label, icon: 'circle-slash' }];
    const live = this.session.live.get(fresh.StackName ?? '');
    if (live && (group === 'resources' || group === 'events')) return liveNodes(live, group);
    switch (group) {
      case 'parameters': return fresh.Parameters?.length ? fresh.Parameters.map((parameter) => ({ kind: 'parameter', parameter })) : empty('No parameters');
      case 'outputs': return fresh.Outputs?.length ? fresh.Outputs.map((output) => ({ kind: 'output', output })) : empty('No outputs');
      case 'resources': {
        const cfn = this.session.clients().cloudFormation();
        const resources = await stackResources(cfn, fresh.StackId!);
        return resources.length ? resources.map((resource) => ({ kind: 'resource', resource })) : empty('No resources');
      }
      case 'events': {
        const events = await recentEvents(this.session.clients().cloudFormation(), fresh.StackId!, 30);
        return events.map((event) => ({ kind: 'event', event }));
      }
    }
  }
}

function liveNodes(live: ResourceProgress[], group: 'resources' | 'events'): StackNode[] {
  if (group === 'events') {
    return live.slice(-30).reverse().map((r) => ({ kind: 'event', event: { LogicalResourceId: [...r.nestedPath, r.logicalId].join('/'), ResourceStatus: r.status as never, ResourceStatusReason: r.reason, Timestamp: r.time, StackId: undefined, EventId: undefined, StackName: undefined } }));
  }
  const latest = new Map<string, ResourceProgress>();
  for (const r of live) latest.set([...r.nestedPath, r.logicalId].join('/'), r);
  return [...latest].map(([id, r]) => ({ kind: 'resource', resource: { LogicalResourceId: id, ResourceType: r.type, ResourceStatus: r.status as never, ResourceStatusReason: r.reason, Timestamp: r.time ?? new Date() } }));
}
