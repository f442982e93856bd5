import * as vscode from 'vscode';
import { isWebUrl } from '../../../engine/common/web-url';
import type { ExtensionCommand } from '../command';
import { replicaFeature } from '../../sim/replica-feature';

export const replicaOpenSiteCommand: ExtensionCommand = {
  id: 'moodleHa.replica.openSite',
  async run(services) {
    const state = replicaFeature(services).session.state;
    if (!state) { void vscode.window.showInformationMessage('No local replica is running.'); return; }
    if (!isWebUrl(state.siteUrl)) throw new Error(`The replica's site address '${state.siteUrl}' is not an http(s) URL.`);
    await vscode.env.openExternal(vscode.Uri.parse(state.siteUrl));
  },
};
