import * as vscode from 'vscode';
import { saveAwsSetting } from '../../deploy/aws-settings';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'me-central-1', 'af-south-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-east-1'];

export const switchRegionCommand: ExtensionCommand = {
  id: 'moodleHa.stack.switchRegion',
  async run(services) {
    const project = stackFeature(services).session.projectRegion;
    type Item = vscode.QuickPickItem & { region?: string };
    const items: Item[] = [
      ...(project ? [{ label: project.region, description: `chosen in the New Project wizard (${project.file})`, region: project.region }] : []),
      { label: '(from the profile)', description: "the profile's region = … in ~/.aws/config, or AWS_REGION" },
      ...REGIONS.filter((r) => r !== project?.region).map((region) => ({ label: region, region })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Moodle HA: AWS Region', placeHolder: 'The region the Stacks view and Deploy Stack use' });
    if (pick) await saveAwsSetting('region', pick.region);
  },
};
