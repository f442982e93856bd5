import * as vscode from 'vscode';
import { stackTemplate } from '../../../engine/deploy/stack-reader';
import { mapAwsError } from '../../../engine/deploy/map-aws-error';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';
import { stackNameFrom } from './pick-stack';

/** Opens the template CloudFormation holds for a deployed stack, as an untitled read-only-ish document. */
export const viewTemplateCommand: ExtensionCommand = {
  id: 'moodleHa.stack.viewTemplate',
  async run(services, arg) {
    const feature = stackFeature(services);
    const clients = await feature.session.usableClients();
    const stackName = await stackNameFrom(arg, feature, 'Stack whose template to view');
    if (!stackName) return;
    let body: string;
    try { body = await stackTemplate(clients.cloudFormation(), stackName); } catch (e) { throw mapAwsError(e, clients.target, `reading the template of ${stackName}`); }
    const language = /^\s*[{[]/.test(body) ? 'json' : 'yaml';
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: body, language }), { preview: true });
  },
};
