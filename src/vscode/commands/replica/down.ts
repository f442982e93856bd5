import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { withReplica } from './with-replica';

export const replicaDownCommand: ExtensionCommand = {
  id: 'moodleHa.replica.down',
  async run(services) {
    const pick = await vscode.window.showWarningMessage('Remove the local replica?', { modal: true }, 'Remove Everything', 'Keep Data Volumes');
    if (!pick) return;
    const result = await withReplica(services, 'Removing the local replica', async (ctx, project) => {
      const { sweepProject } = await import('../../../engine/sim/replica/down');
      return sweepProject(ctx.docker, project, { keepData: pick === 'Keep Data Volumes' });
    });
    void vscode.window.showInformationMessage(`Removed ${result.containers} container(s), ${result.networks} network(s), ${result.volumes} volume(s).`);
  },
};
