import * as vscode from 'vscode';
import type { Services } from '../services';
import { ReplicaTreeProvider } from './replica-tree';
import { ReplicaStatusBar } from './replica-status-bar';
import { ReplicaSession } from './replica-session';
import { ReplicaContextKeys } from './replica-context';

export const REPLICA_VIEW_ID = 'moodleHa.replica';

/** The Local Replica feature's parts, made once per extension context and shared by its commands. */
export interface ReplicaFeature {
  session: ReplicaSession;
  tree: ReplicaTreeProvider;
}

const features = new WeakMap<vscode.ExtensionContext, ReplicaFeature>();

/** Cheap: Docker is not touched until the view is visible or a command runs. */
export function registerReplica(services: Services): void {
  replicaFeature(services);
}

export function replicaFeature(services: Services): ReplicaFeature {
  const existing = features.get(services.context);
  if (existing) return existing;
  const session = new ReplicaSession(services);
  const tree = new ReplicaTreeProvider(session);
  const statusBar = new ReplicaStatusBar(session);
  const view = vscode.window.createTreeView(REPLICA_VIEW_ID, { treeDataProvider: tree });
  services.context.subscriptions.push(
    session, tree, statusBar, view, new ReplicaContextKeys(session),
    view.onDidChangeVisibility((e) => session.setVisible(e.visible)),
  );
  session.setVisible(view.visible);
  const feature = { session, tree };
  features.set(services.context, feature);
  return feature;
}
