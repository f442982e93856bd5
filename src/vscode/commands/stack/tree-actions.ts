import * as vscode from 'vscode';
import { isWebUrl } from '../../../engine/common/web-url';
import { listProfiles } from '../../../engine/deploy/profiles';
import { saveAwsSetting } from '../../deploy/aws-settings';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';

export const refreshStacksCommand: ExtensionCommand = {
  id: 'moodleHa.stack.refresh',
  async run(services) {
    const { session, tree } = stackFeature(services);
    // From the "no credentials" welcome page: try the SDK's default chain (an EC2 role) anyway.
    if (session.state(true) === 'noCredentials') session.assumeCredentials();
    // The one place the view asks to use a non-AWS endpoint: its welcome page's button runs this command.
    await session.usableClients();
    await tree.refresh(true);
  },
};

export const switchProfileCommand: ExtensionCommand = {
  id: 'moodleHa.stack.switchProfile',
  async run() {
    const profiles = listProfiles();
    const items = [{ label: '(default credential chain)', description: 'environment, default profile, instance role' }, ...profiles.map((p) => ({ label: p.name, description: [p.kind === 'sso' ? 'SSO' : p.kind, p.region].filter(Boolean).join(' · ') }))];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'AWS profile (from ~/.aws/config and ~/.aws/credentials)' });
    if (pick) await saveAwsSetting('profile', pick.label.startsWith('(') ? undefined : pick.label);
  },
};

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

export const showAllStacksCommand: ExtensionCommand = {
  id: 'moodleHa.stack.showAll',
  run: async (services) => { await saveAwsSetting('showAllStacks', !stackFeature(services).session.settings.showAllStacks); },
};

export const openUrlCommand: ExtensionCommand = {
  id: 'moodleHa.stack.openUrl',
  run: async (_services, url) => { if (typeof url === 'string' && isWebUrl(url)) await vscode.env.openExternal(vscode.Uri.parse(url)); },
};

/** No credentials or an expired SSO session: run the AWS CLI's login in a terminal the user can see. */
export const signInCommand: ExtensionCommand = {
  id: 'moodleHa.stack.signIn',
  async run(services, profileArg) {
    const chosen = typeof profileArg === 'string' ? profileArg : stackFeature(services).session.settings.profile;
    // The name goes into a shell command line: only plain profile names.
    const profile = chosen && /^[\w.@+-]+$/.test(chosen) ? chosen : undefined;
    const sso = profile ? listProfiles().find((p) => p.name === profile)?.kind === 'sso' : false;
    const terminal = vscode.window.createTerminal('AWS sign-in');
    terminal.show();
    terminal.sendText(setUpCommand(profile, sso));
  },
};

/** The AWS CLI command that sets up (or renews) credentials for this profile; the welcome page quotes the same. */
export function setUpCommand(profile: string | undefined, sso: boolean): string {
  return sso ? `aws sso login --profile ${profile}` : profile ? `aws configure --profile ${profile}` : 'aws configure';
}
