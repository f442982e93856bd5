import * as vscode from 'vscode';
import { executeDelete, planDelete } from '../../../engine/deploy/delete-stack';
import { formatDeployMessage } from '../../../engine/deploy/format-deploy-message';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';
import { stackNameFrom } from './pick-stack';
import { withCancellableProgress } from '../../with-cancellable-progress';

/** Delete a stack: the name typed to confirm, retained resources listed, termination protection respected. */
export const deleteStackCommand: ExtensionCommand = {
  id: 'moodleHa.stack.delete',
  async run(services, arg) {
    const feature = stackFeature(services);
    const clients = await feature.session.usableClients();
    const stackName = await stackNameFrom(arg, feature, 'Stack to delete');
    if (!stackName) return;
    const plan = await planDelete(clients, stackName);
    const retained = plan.retained.length ? ` These stay (and keep costing) afterwards: ${plan.retained.map((r) => `${r.logicalId} (${r.policy})`).join(', ')}.` : '';
    const typed = await vscode.window.showInputBox({
      title: `Delete stack ${stackName}`,
      prompt: `This deletes every resource of the stack.${retained} Type the stack name to confirm.`,
      validateInput: (v) => (v === stackName || v === '' ? undefined : 'The name does not match.'),
      ignoreFocusOut: true,
    });
    if (typed !== stackName) return;
    await feature.session.track(stackName, 'deleting', () => withCancellableProgress(`Deleting ${stackName}`, async (signal, report) => {
      const result = await executeDelete(clients, plan, {
        signal,
        emit: (m) => {
          const line = formatDeployMessage(m);
          if (line) services.log.info(line);
          if (m.kind === 'resource') { report({ message: `${m.resource.logicalId} ${m.resource.status}` }); feature.session.recordProgress(stackName, m.resource); }
          if (m.kind === 'failure') feature.session.pinFailure(stackName, m.cause);
        },
      });
      if (result.status.isDeleted) void vscode.window.showInformationMessage(`Deleted ${stackName}.`);
      else void vscode.window.showErrorMessage(`Deleting ${stackName} ended in ${result.status.name}${result.firstFailure ? `: ${result.firstFailure.logicalId}: ${result.firstFailure.reason}` : ''}`);
    }));
  },
};
