import * as vscode from 'vscode';
import { listProfiles } from '../../../engine/deploy/profiles';
import { saveAwsSetting } from '../../deploy/aws-settings';
import type { ExtensionCommand } from '../command';

export const switchProfileCommand: ExtensionCommand = {
  id: 'moodleHa.stack.switchProfile',
  async run() {
    const profiles = listProfiles();
    const items = [{ label: '(default credential chain)', description: 'environment, default profile, instance role' }, ...profiles.map((p) => ({ label: p.name, description: [p.kind === 'sso' ? 'SSO' : p.kind, p.region].filter(Boolean).join(' · ') }))];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'AWS profile (from ~/.aws/config and ~/.aws/credentials)' });
    if (pick) await saveAwsSetting('profile', pick.label.startsWith('(') ? undefined : pick.label);
  },
};
