import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { replicaFeature } from '../../sim/replica-feature';
import { withReplica } from './with-replica';

export const replicaScaleCommand: ExtensionCommand = {
  id: 'moodleHa.replica.scale',
  async run(services) {
    const state = replicaFeature(services).session.state;
    const current = state?.nodes.filter((n) => n.role === 'web').length ?? 2;
    const value = await vscode.window.showInputBox({
      prompt: 'Web nodes (the auto scaling group\'s desired capacity)', value: String(current),
      validateInput: (v) => (/^[1-9][0-9]?$/.test(v) && Number(v) <= 12 ? undefined : 'A whole number from 1 to 12'),
    });
    if (!value) return;
    await withReplica(services, `Scaling to ${value} web nodes`, async (ctx, project) => {
      const { scaleReplica } = await import('../../../engine/sim/replica/scale');
      return scaleReplica(ctx, project, Number(value));
    });
  },
};
