import * as vscode from 'vscode';
import type { ExtensionCommand } from '../command';
import { showDrillReport } from '../../sim/drill-panel';
import { withReplica } from './with-replica';

const DRILLS: Array<{ id: string; detail: string }> = [
  { id: 'kill-web', detail: 'SIGKILL a web node, restart it: nobody should notice' },
  { id: 'kill-cache', detail: 'Kill the session cache: one memcached logs everyone out; Redis + replica survives' },
  { id: 'restart-db', detail: 'Restart the database: errors while down, full recovery' },
  { id: 'scale-out', detail: 'Add a web node under load' },
  { id: 'scale-in', detail: 'Remove a web node under load' },
  { id: 'rolling-deploy', detail: 'New code, one node at a time, with the CodeDeploy hook scripts' },
  { id: 'rolling-deploy-broken', detail: 'A release that fails validation: automatic rollback' },
];

export const replicaDrillCommand: ExtensionCommand = {
  id: 'moodleHa.replica.drill',
  async run(services, arg) {
    const name = typeof arg === 'string' ? arg : (await vscode.window.showQuickPick(DRILLS.map((d) => ({ label: d.id, detail: d.detail })), { placeHolder: 'Which drill? (load runs against 127.0.0.1 only)' }))?.label;
    if (!name) return;
    const report = await withReplica(services, `Drill ${name}`, async (ctx, project) => {
      const { runDrill } = await import('../../../engine/sim/drills/run-drill');
      return runDrill(ctx, project, name as never);
    });
    showDrillReport(report);
  },
};
