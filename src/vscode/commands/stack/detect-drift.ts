import * as vscode from 'vscode';
import { detectDrift } from '../../../engine/deploy/detect-drift';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';
import { stackNameFrom } from './pick-stack';
import { withCancellableProgress } from '../../with-cancellable-progress';

export const detectDriftCommand: ExtensionCommand = {
  id: 'moodleHa.stack.detectDrift',
  async run(services, arg) {
    const feature = stackFeature(services);
    const clients = await feature.session.usableClients();
    const stackName = await stackNameFrom(arg, feature, 'Stack to check for drift');
    if (!stackName) return;
    const report = await withCancellableProgress(`Detecting drift on ${stackName}`, (signal) => detectDrift(clients, stackName, signal));
    for (const d of report.drifted) services.log.info(`drift ${stackName}: ${d.LogicalResourceId} ${d.StackResourceDriftStatus} ${(d.PropertyDifferences ?? []).map((p) => `${p.PropertyPath}: ${p.ExpectedValue} → ${p.ActualValue}`).join('; ')}`);
    const text = report.drifted.length
      ? `${stackName} has drifted: ${report.drifted.map((d) => `${d.LogicalResourceId} (${d.StackResourceDriftStatus})`).join(', ')}.`
      : `${stackName} matches its template (${report.checked} resources checked).`;
    const choice = await (report.drifted.length ? vscode.window.showWarningMessage(text, 'Show Details') : vscode.window.showInformationMessage(text));
    if (choice === 'Show Details') services.log.show(true);
  },
};
