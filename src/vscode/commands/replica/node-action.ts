import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import type { NodeAction } from '../../../engine/sim/replica/node-ops';
import { nodeNameOf } from '../../sim/replica-tree';
import { replicaFeature } from '../../sim/replica-feature';
import { withReplica } from './with-replica';

/** Inline tree actions on a node; from the palette, asks which node. */
async function pickNode(services: Parameters<ExtensionCommand['run']>[0], arg: unknown): Promise<string | undefined> {
  const name = nodeNameOf(arg);
  if (name) return name;
  const state = replicaFeature(services).session.state;
  return vscode.window.showQuickPick(state?.nodes.map((n) => n.name) ?? [], { placeHolder: 'Which node?' });
}

function nodeCommand(action: NodeAction, verb: string): ExtensionCommand {
  return {
    id: `moodleHa.replica.${action}`,
    async run(services, arg) {
      const name = await pickNode(services, arg);
      if (!name) return;
      await withReplica(services, `${verb} ${name}`, async (ctx, project) => {
        const { nodeAction } = await import('../../../engine/sim/replica/node-ops');
        return nodeAction(ctx.docker, project, name, action, ctx.signal);
      });
    },
  };
}

export const replicaKillCommand = nodeCommand('kill', 'Killing');
export const replicaStopCommand = nodeCommand('stop', 'Stopping');
export const replicaStartCommand = nodeCommand('start', 'Starting');
export const replicaRestartCommand = nodeCommand('restart', 'Restarting');

export const replicaLogsCommand: ExtensionCommand = {
  id: 'moodleHa.replica.logs',
  async run(services, arg) {
    const name = await pickNode(services, arg);
    if (!name) return;
    const { session } = replicaFeature(services);
    const ctx = await session.simContext();
    const { nodeLogs } = await import('../../../engine/sim/replica/node-ops');
    const text = await nodeLogs(ctx.docker, session.project, name, 500);
    const doc = await vscode.workspace.openTextDocument({ content: text || '(no output)', language: 'log' });
    await vscode.window.showTextDocument(doc, { preview: true });
  },
};
