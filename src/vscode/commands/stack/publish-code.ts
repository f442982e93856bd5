import * as path from 'node:path';
import * as vscode from 'vscode';
import { publishCode } from '../../../engine/deploy/publish/publish-code';
import { formatPublishMessage } from '../../../engine/deploy/publish/format-publish-message';
import { stackFeature } from '../../deploy/stack-feature';
import type { ExtensionCommand } from '../command';
import { stackNameFrom } from './pick-stack';
import { withCancellableProgress } from '../../with-cancellable-progress';

/** "Moodle HA: Publish Code": zip the workspace's app bundle, upload it, follow the pipeline and CodeDeploy. */
export const publishCodeCommand: ExtensionCommand = {
  id: 'moodleHa.stack.publishCode',
  async run(services, arg) {
    const feature = stackFeature(services);
    const clients = await feature.session.usableClients();
    const stackName = await stackNameFrom(arg, feature, 'Stack whose pipeline gets the code');
    if (!stackName) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: folder ? vscode.Uri.file(path.join(folder, 'app')) : undefined, title: 'Moodle app bundle folder (with appspec.yml)' });
    if (!picked?.[0]) return;
    await feature.session.track(stackName, 'publishing code', () => withCancellableProgress(`Publishing code to ${stackName}`, async (signal, report) => {
      const outcome = await publishCode(clients, {
        stackName, bundleDir: picked[0].fsPath, signal,
        emit: (m) => { const line = formatPublishMessage(m); services.log.info(line); report({ message: line.split('\n')[0] }); },
        confirm: async ({ files, zipBytes, noteworthy }) => (await vscode.window.showInformationMessage(`Upload ${files} files (${(zipBytes / 1024 / 1024).toFixed(1)} MB zipped) to ${stackName}'s pipeline?${noteworthy.length ? ` It includes ${noteworthy.length} dotfile(s) or possible dump(s): ${noteworthy.slice(0, 8).map((n) => n.name).join(', ')}${noteworthy.length > 8 ? ', …' : ''}.` : ''} The log lists what was excluded and included.`, { modal: true }, 'Upload')) === 'Upload',
      });
      if (outcome.kind !== 'uploaded') return;
      const r = outcome.release;
      if (r?.failure) {
        const choice = await vscode.window.showErrorMessage(`Deployment failed in ${r.failure.event} on ${r.failure.instanceId}: ${r.failure.message ?? ''}`, 'Show Log Tail');
        if (choice === 'Show Log Tail') services.log.show(true);
      } else {
        void vscode.window.showInformationMessage(r ? `Pipeline ${outcome.target.pipelineName}: ${r.pipelineStatus}.` : `Uploaded to s3://${outcome.target.sourceBucket}/${outcome.target.sourceKey}.`);
      }
    }));
  },
};
