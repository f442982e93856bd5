import * as vscode from 'vscode';

/** moodleHa.aws.*: where the stack view and deploy talk to. A change needs a fresh client and a reload of the tree. */
export interface AwsSettings {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  templateBucket?: string;
  showAllStacks: boolean;
}

export function readAwsSettings(): AwsSettings {
  const c = vscode.workspace.getConfiguration('moodleHa.aws');
  const text = (key: string) => (c.get<string>(key) ?? '').trim() || undefined;
  return {
    profile: text('profile'),
    region: text('region'),
    endpointUrl: text('endpointUrl'),
    templateBucket: text('templateBucket'),
    showAllStacks: c.get<boolean>('showAllStacks') ?? false,
  };
}

export function affectsAws(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('moodleHa.aws');
}

/** Profile and region picked in the tree are settings too, so the CLI user and the view agree. */
export async function saveAwsSetting(key: 'profile' | 'region' | 'showAllStacks', value: string | boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('moodleHa.aws').update(key, value, vscode.ConfigurationTarget.Global);
}
