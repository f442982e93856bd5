import * as path from 'node:path';
import * as vscode from 'vscode';
import { looksLikeCloudFormation } from '../../../engine/template/is-cloudformation';
import { CancelledError } from '../../../engine/common/cancellation';
import { DeployState } from '../../../engine/deploy/deploy-state';
import { deployStack } from '../../../engine/deploy/deploy-stack';
import { checkStackName } from '../../../engine/deploy/map-aws-error';
import { formatElapsed } from '../../../engine/deploy/format-deploy-message';
import { stackFeature } from '../../deploy/stack-feature';
import { vscodeDeployHost } from '../../deploy/vscode-deploy-host';
import type { StackNode } from '../../deploy/stack-tree-items';
import type { ExtensionCommand } from '../command';
import { withCancellableProgress } from '../../with-cancellable-progress';

/** Deploy a template: pick it, name the stack, then the engine's lint → parameters → change set → confirm → follow. */
export const deployStackCommand: ExtensionCommand = {
  id: 'moodleHa.stack.deploy',
  async run(services, arg) {
    const feature = stackFeature(services);
    const document = await pickTemplate(arg);
    if (!document) return;
    const node = arg as StackNode | undefined;
    const state = DeployState.forUser();
    const suggested = node?.kind === 'stack' ? node.stack.StackName : state.stackNameFor(document.uri.fsPath);
    const stackName = await vscode.window.showInputBox({
      title: 'Stack name', value: suggested ?? path.basename(document.uri.fsPath).replace(/\..*$/, '').replace(/[^A-Za-z0-9-]/g, '-'),
      validateInput: (v) => { try { checkStackName(v); return undefined; } catch (e) { return (e as Error).message; } },
    });
    if (!stackName) return;
    const clients = await feature.session.usableClients();
    // The live linter's validator is already warm; the deploy's lint gate shares it.
    const validator = services.linter.validator;
    try {
      const outcome = await feature.session.track(stackName, 'deploying', () => withCancellableProgress(`Deploying ${stackName}`, (signal, report) => {
        feature.session.pinFailure(stackName, undefined);
        const host = vscodeDeployHost(services, feature.session, feature.documents, stackName, { report });
        return deployStack(clients, {
          stackName, templateFile: document.uri.fsPath, templateText: document.getText(), validator, state,
          templateBucket: feature.session.settings.templateBucket, signal,
        }, host);
      }));
      // Told after the progress and the tree have settled, so neither waits on the user.
      switch (outcome.kind) {
        case 'noChanges': void vscode.window.showInformationMessage(`${stackName}: no changes to deploy.`); return;
        case 'declined': return;
        case 'failed': {
          const cause = outcome.cause ? `${outcome.cause.logicalId}: ${outcome.cause.reason}` : outcome.status.toString();
          const choice = await vscode.window.showErrorMessage(`Deploy of ${stackName} failed (${outcome.status.name}). ${cause}`, 'Show Log');
          if (choice === 'Show Log') services.log.show(true);
          return;
        }
        case 'succeeded': {
          const actions = outcome.siteUrl ? ['Open Site'] : [];
          const choice = await vscode.window.showInformationMessage(`${stackName}: ${outcome.status.name} in ${formatElapsed(outcome.monitor.elapsedMs)}.`, ...actions);
          if (choice === 'Open Site' && outcome.siteUrl) await vscode.env.openExternal(vscode.Uri.parse(outcome.siteUrl));
        }
      }
    } finally {
      services.logger.debug(`AWS calls for this deploy: ${JSON.stringify(clients.calls.byOperation())}`);
    }
  },
};

async function pickTemplate(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const active = vscode.window.activeTextEditor?.document;
  // The file kinds CloudFormation reads, with a template's content (not just any YAML that says "Resources").
  if (active && /\.(ya?ml|json|template)$/i.test(active.fileName) && looksLikeCloudFormation(active.getText())) {
    if (active.isDirty && !(await active.save())) throw new CancelledError();
    return active;
  }
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'CloudFormation template': ['yaml', 'yml', 'json', 'template'] }, title: 'Template to deploy' });
  return files?.[0] ? vscode.workspace.openTextDocument(files[0]) : undefined;
}
