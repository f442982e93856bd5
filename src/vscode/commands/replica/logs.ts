import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { replicaFeature } from '../../sim/replica-feature';
import { pickNode } from './node-command';

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
