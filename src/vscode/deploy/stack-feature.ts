import * as vscode from 'vscode';
import type { Services } from '../services';
import { affectsAws } from './aws-settings';
import { CHANGE_SET_SCHEME, ChangeSetDocuments } from './change-set-document';
import { RefreshScheduler } from './refresh-scheduler';
import { StackSession } from './stack-session';
import { StacksTreeProvider } from './stacks-tree';
import { OPTIONS_FILE } from '../../engine/scaffold/plan';

export const STACKS_VIEW_ID = 'moodleHa.stacks';

/** The stacks feature's parts, made once per extension context and shared by its commands. */
export interface StackFeature {
  session: StackSession;
  tree: StacksTreeProvider;
  documents: ChangeSetDocuments;
  scheduler: RefreshScheduler;
}

const features = new WeakMap<vscode.ExtensionContext, StackFeature>();

/** Registers the tree and its listeners; cheap: nothing talks to AWS until the view is visible. */
export function registerStacks(services: Services): void {
  stackFeature(services);
}

export function stackFeature(services: Services): StackFeature {
  const existing = features.get(services.context);
  if (existing) return existing;
  const session = new StackSession(services.logger);
  const tree = new StacksTreeProvider(session);
  const documents = new ChangeSetDocuments();
  const scheduler = new RefreshScheduler(() => tree.refresh(), () => tree.anyBusy());
  const view = vscode.window.createTreeView(STACKS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  // The wizard's region is the default: a project written (or its answers edited) while the view is open changes it.
  const optionsWatcher = vscode.workspace.createFileSystemWatcher(`**/${OPTIONS_FILE}`);
  const projectRegionChanged = () => session.reloadProjectRegion();
  services.context.subscriptions.push(
    session, tree, documents, scheduler, view, optionsWatcher,
    optionsWatcher.onDidCreate(projectRegionChanged), optionsWatcher.onDidChange(projectRegionChanged), optionsWatcher.onDidDelete(projectRegionChanged),
    vscode.workspace.registerTextDocumentContentProvider(CHANGE_SET_SCHEME, documents),
    // Trust granted: the view may read AWS now (VS Code restarts the extension host on revoke).
    vscode.workspace.onDidGrantWorkspaceTrust(() => session.reload()),
    view.onDidChangeVisibility((e) => scheduler.setVisible(e.visible)),
    session.onDidChange(() => scheduler.kick()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (affectsAws(e)) session.reload(); }),
  );
  scheduler.setVisible(view.visible);
  const feature = { session, tree, documents, scheduler };
  features.set(services.context, feature);
  return feature;
}
