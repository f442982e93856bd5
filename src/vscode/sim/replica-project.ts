import * as vscode from 'vscode';
import { CHOSEN_PROJECT_KEY, REPLICA_SECTION, readReplicaSettings } from '../settings/replica-settings';

/** The replica's Docker project: the name chosen at the last start in this folder, else the setting (its manifest default is moodle-ha). */
export function replicaProject(context: vscode.ExtensionContext): string {
  return context.workspaceState.get<string>(CHOSEN_PROJECT_KEY) || readReplicaSettings(vscode.workspace.getConfiguration(REPLICA_SECTION)).project;
}
