import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { replicaFeature } from '../../sim/replica-feature';

export const replicaOpenSiteCommand: ExtensionCommand = {
  id: 'moodleHa.replica.openSite',
  async run(services) {
    const state = replicaFeature(services).session.state;
    if (!state) { void vscode.window.showInformationMessage('No local replica is running.'); return; }
    await vscode.env.openExternal(vscode.Uri.parse(state.siteUrl));
  },
};

export const replicaRefreshCommand: ExtensionCommand = {
  id: 'moodleHa.replica.refresh',
  run: (services) => replicaFeature(services).session.refresh(),
};
