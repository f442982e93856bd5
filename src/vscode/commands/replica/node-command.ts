import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import type { NodeAction } from '../../../engine/sim/replica/node-ops';
import { nodeNameOf } from '../../sim/replica-tree';
import { replicaFeature } from '../../sim/replica-feature';
import { withReplica } from './with-replica';

/** The node a command acts on: the tree row it was run from, or, from the palette, the one the user picks. */
export async function pickNode(services: Parameters<ExtensionCommand['run']>[0], arg: unknown): Promise<string | undefined> {
  const name = nodeNameOf(arg);
  if (name) return name;
  const state = replicaFeature(services).session.state;
  return vscode.window.showQuickPick(state?.nodes.map((n) => n.name) ?? [], { placeHolder: 'Which node?' });
}

/** A node action (kill, stop, start, restart) as a command: one per file, made the same way. */
export function nodeCommand(action: NodeAction, verb: string): ExtensionCommand {
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
