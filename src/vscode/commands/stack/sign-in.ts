import * as vscode from 'vscode';
import { listProfiles } from '../../../engine/deploy/profiles';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';

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
